# gdb-step-caller.gdb - the script of gdb-step-caller.c: after
# promotion, break in gp_site, whose page holds the patched call; step
# into the promoted call (pointed at gp_hot itself), bt, finish; then
# next over the call that goes through the trampoline (to gp_cold).
set pagination off
set confirm off
break gp_checkpoint
run
break gp_site
continue
step
bt
finish
continue
next
delete
continue
