# gdb-step-caller.gdb - the script of gdb-step-caller.c: after
# promotion, break in gp_site, whose page holds the rewritten call;
# continue into the promoted call's target (a breakpoint in gp_hot: gdb
# 13's step does not enter it, see the test), bt, finish; then next over
# the call that goes through the trampoline (to gp_cold).
set pagination off
set confirm off
break gp_checkpoint
run
break gp_site
continue
tbreak gp_hot
continue
bt
finish
continue
next
delete
continue
