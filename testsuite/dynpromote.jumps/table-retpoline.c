/* Purpose: with retpolines GCC makes no jump table unless asked
   (-fjump-tables); asked, the table jump is rewritten by default like a
   computed goto: its stub's jump is the retpoline (jmp
   __dynpromote_thunk_r11), so sw has no jump to GCC's thunks left; only
   sw_ref (DYNPROMOTE_OFF) keeps one.  Promoted, results right.  Twin:
   table.c (the plain build, with -fplugin-arg-dynpromote-jumps).  */
/* { dg-do run } */
/* { dg-options "-mindirect-branch=thunk -mindirect-branch-register -fjump-tables" } */

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
/* { dg-final { scan-assembler-times {^\.Ldp_jump_\d+:\n\tjmp\t__dynpromote_thunk_r11\n} 1 } } */
/* { dg-final { scan-assembler-not {^sw:\n(?:(?!\t\.size\tsw, )[^\n]*\n)*?\tjmp\t__x86_indirect_thunk_} } } */
/* { dg-final { scan-assembler-times {\tjmp\t__x86_indirect_thunk_r[a-z0-9]+\n} 1 } } */
/* { dg-final { scan-assembler-not {\t(?:notrack )?jmp\t\*} } } */
/* { dg-final { scan-stats {^site [^\n]* func=sw kind=jump state=promoted } } } */
