/* Purpose: a jump table in a plain build with
   -fplugin-arg-dynpromote-jumps: the table jump of sw (a dense switch
   of twelve cases, table.h) is rewritten as a table jump site, its
   stub's jump the plain jmp *%r11, and no raw indirect jump is left in
   sw; sw_ref's (DYNPROMOTE_OFF) stays, with its dump line.  Driven
   with a skewed mix of keys, the site is promoted (kind=jump, targets
   labels of sw) and every result matches sw_ref.  Twins: table-nojt.c
   (-fno-jump-tables: no table, no jump site), opt-default-plain.c
   (without the option the jumps stay).  */
/* { dg-do run } */
/* { dg-options "-fcf-protection=none -fplugin-arg-dynpromote-jumps" } */
/* Promotion is the precondition here; without retpolines a skewed
   site may be left to the predictor.  */
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
/* { dg-final { scan-rtl-dump-times {^rewritten table jump site \d+ in sw at \S*table\.h:\d+$} 1 } } */
/* { dg-final { scan-rtl-dump {^skipped table jump in sw_ref at \S*table\.h:\d+: function has attribute dynpromote_off$} } } */
/* { dg-final { scan-assembler-times {^\.Ldp_jump_\d+:\n\tjmp\t\*%r11\n} 1 } } */
/* { dg-final { scan-assembler-not {^sw:\n(?:(?!\t\.size\tsw, )[^\n]*\n)*?\t(?:notrack )?jmp\t\*} } } */
/* { dg-final { scan-assembler {^sw_ref:\n(?:(?!\t\.size\tsw_ref, )[^\n]*\n)*?\tjmp\t\*} } } */
/* { dg-final { scan-stats-times {^site [^\n]* func=sw kind=jump state=promoted } 1 } } */
/* { dg-final { scan-stats {^site [^\n]* func=sw kind=jump [^\n]*\n  target [^\n]* sym=sw\+0x[0-9a-f]+ promoted=1 } } } */
/* { dg-final { scan-stats-not { func=sw_ref } } } */
