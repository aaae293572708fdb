# gdb-jit.gdb - for gdb-jit.c and gdb-nojit.c: stop in stop_here, name
# the trampoline it was given, stop in that trampoline, show the stack.
# A software breakpoint in the program's function (its text stays the
# program's file-backed mapping, which gdb can write), a hardware one in
# the trampoline (runtime memory, shared: ptrace cannot write it), which
# needs a running process: starti first.
set pagination off
set confirm off
set width 0
starti
break *stop_here
continue
info symbol $rdi
hbreak *$rdi
continue
bt
continue
