# gdb-threads.gdb - the script of gdb-threads.c: gdb's default for
# SIGURG, then any SIGURG made to stop and print, and a run.
set pagination off
set confirm off
info signals SIGURG
handle SIGURG stop print
run
