# gdb-jit.gdb - for gdb-jit.c and gdb-nojit.c: stop in stop_here, name
# the trampoline it was given, stop in that trampoline, show the stack.
# Hardware breakpoints only (see gdb-jit.c), which need a running
# process: starti first.
set pagination off
set confirm off
set width 0
starti
hbreak *stop_here
continue
info symbol $rdi
hbreak *$rdi
continue
bt
continue
