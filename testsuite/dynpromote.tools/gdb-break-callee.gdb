# gdb-break-callee.gdb - the script of gdb-break-callee.c: after
# promotion, break in the two callees of the promoted call and show the
# stack.
set pagination off
set confirm off
break gp_checkpoint
run
break gp_hot
break gp_cold
continue
bt
continue
bt
delete
continue
