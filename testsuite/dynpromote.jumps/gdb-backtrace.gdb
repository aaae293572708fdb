# gdb-backtrace.gdb - the script of gdb-backtrace.c and
# gdb-backtrace-call.c: stop in the runtime where it records the first
# sample (reached from a site's entry stub), print the backtrace, and
# let the program finish.
set pagination off
set confirm off
set breakpoint pending on
break dp_learn_sample
run
bt
delete
continue
