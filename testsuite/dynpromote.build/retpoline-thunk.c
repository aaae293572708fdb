/* Purpose: -mindirect-branch=thunk: the rewritten calls run correctly,
   and neither the rewritten sites nor the entry stubs the plugin adds
   contain a raw indirect call or jump (the stubs' fallback to the target
   goes through a retpoline too).  */
/* { dg-do run } */
/* { dg-options "-mindirect-branch=thunk" } */

#include "retpoline-common.h"

int
main (void)
{
  CHECK (retpoline_body () == 3000);
  puts ("ok");
  return 0;
}

/* { dg-output "ok" } */
/* { dg-final { scan-assembler {\tcall\t\.Ldp_(?:entry|hit|guard)_\d+$} } } */
/* { dg-final { scan-assembler-not {\t(notrack )?(call|jmp)q?\t\*} } } */
/* { dg-final { scan-stats {^  target [^\n]* sym=vsum } } } */
