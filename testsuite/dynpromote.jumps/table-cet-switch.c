/* Purpose: -fcf-protection -mcet-switch makes GCC's table jumps tracked
   (with endbr64 at every case label): the stub of the rewritten table
   jump then has a tracked jmp *%r11, and nothing is notrack.  Twin:
   table-cet.c (without -mcet-switch: notrack).  */
/* { dg-do run } */
/* { dg-require-options "-fcf-protection=full -mcet-switch" } */
/* { dg-options "-fcf-protection=full -mcet-switch -fplugin-arg-dynpromote-jumps" } */
/* { dg-set-env DYNPROMOTE_TRUST_PREDICTOR 0 } */

#include "table.h"

int
main (void)
{
  CHECK (table_drive_until_promoted ());
  table_drive (20000);
  puts ("table ok");
  return 0;
}

/* { dg-output "table ok" } */
/* { dg-final { scan-rtl-dump-times {^rewritten table jump site \d+ in sw at } 1 } } */
/* { dg-final { scan-assembler-times {^\.Ldp_jump_\d+:\n\tjmp\t\*%r11\n} 1 } } */
/* { dg-final { scan-assembler-not {notrack} } } */
/* { dg-final { scan-stats {^site [^\n]* func=sw kind=jump state=promoted } } } */
