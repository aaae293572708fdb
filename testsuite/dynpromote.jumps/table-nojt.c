/* Purpose: twin of table.c with -fno-jump-tables: sw's switch is a
   tree of compares, so it has no indirect jump and the pass finds no
   jump site (no "table jump" line, no stub, no kind=jump in the
   statistics); the results are the same.  */
/* { dg-do run } */
/* { dg-options "-fcf-protection=none -fplugin-arg-dynpromote-jumps -fno-jump-tables" } */
/* { dg-set-env DYNPROMOTE_TRUST_PREDICTOR 0 } */

#include "table.h"

int
main (void)
{
  table_drive (40000);
  puts ("table ok");
  return 0;
}

/* { dg-output "table ok" } */
/* { dg-final { scan-rtl-dump-not {table jump} } } */
/* { dg-final { scan-rtl-dump-not {^rewritten } } } */
/* { dg-final { scan-assembler-not {\.Ldp_entry_} } } */
/* { dg-final { scan-assembler-not {\t(?:notrack )?jmp\t\*} } } */
/* { dg-final { scan-stats-not {^site [^\n]* kind=jump } } } */
