/* Purpose: twin of mixed.c with -fno-jump-tables: the switch is a tree
   of compares, so there is no table jump site, only the computed
   gotos'; the results are the same.  */
/* { dg-do run } */
/* { dg-options "-fcf-protection=none -fplugin-arg-dynpromote-jumps -fno-jump-tables" } */
/* { dg-set-env DYNPROMOTE_TRUST_PREDICTOR 0 } */

#include "mixed.c"

/* { dg-output "mixed ok" } */
/* { dg-final { scan-rtl-dump-not {table jump} } } */
/* { dg-final { scan-rtl-dump {^rewritten jump site \d+ in both at } } } */
/* { dg-final { scan-assembler-not {\tjmp\t\*(?!%r11\n)} } } */
