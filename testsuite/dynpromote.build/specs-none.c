/* Purpose: specs.c without -specs=: the same program, built with no
   dynpromote flag at all, has no rewritten call and no runtime (the
   negative twin: what specs.c finds comes from the flag).  */
/* { dg-do run } */
/* { dg-plugin off } */
/* { dg-runtime none } */
/* { dg-options "-Wl,--as-needed" } */

#include "specs.c"

/* { dg-final { scan-assembler-not {\.Ldp_call_} } } */
/* { dg-output "no dynpromote\[^\n\]*\nsum 9999900000" } */
