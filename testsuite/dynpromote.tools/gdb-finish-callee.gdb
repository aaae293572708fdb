# gdb-finish-callee.gdb - the script of gdb-finish-callee.c: after
# promotion, break in the two callees of the promoted call and finish
# back to their caller.
set pagination off
set confirm off
break gp_checkpoint
run
break gp_hot
break gp_cold
continue
finish
continue
finish
delete
continue
