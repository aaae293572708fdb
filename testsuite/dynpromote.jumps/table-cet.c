/* Purpose: under -fcf-protection GCC's table jumps are notrack (the
   case labels have no endbr64), so the stub of a rewritten table jump
   must be too: its jump is notrack jmp *%r11, and no tracked jmp *%r11
   is emitted; sw_ref keeps GCC's own notrack jump.  The program runs
   right (on a machine that enforces IBT a tracked jump would fault).
   Twins: goto-cet.c (a computed goto's labels have endbr64: its stub's
   jump is tracked), table-cet-switch.c (-mcet-switch: tracked tables,
   no notrack).  */
/* { dg-do run } */
/* { dg-options "-fcf-protection=full -fplugin-arg-dynpromote-jumps" } */
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
/* { dg-final { scan-assembler-times {^\.Ldp_jump_\d+:\n\tnotrack jmp\t\*%r11\n} 1 } } */
/* { dg-final { scan-assembler-not {^\tjmp\t\*%r11$} } } */
/* { dg-final { scan-assembler-not {^sw:\n(?:(?!\t\.size\tsw, )[^\n]*\n)*?\t(?:notrack )?jmp\t\*} } } */
/* { dg-final { scan-assembler {^sw_ref:\n(?:(?!\t\.size\tsw_ref, )[^\n]*\n)*?\tnotrack jmp\t\*} } } */
/* { dg-final { scan-stats {^site [^\n]* func=sw kind=jump state=promoted } } } */
