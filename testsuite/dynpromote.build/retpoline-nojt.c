/* Purpose: -mindirect-branch=thunk -fno-jump-tables (how retpoline
   kernels are built, and the configuration the brief measures): correct
   results, no raw indirect branch anywhere in the generated code, the
   switch compiled to compares.  */
/* { dg-do run } */
/* { dg-options "-mindirect-branch=thunk -fno-jump-tables" } */

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
/* { dg-final { scan-assembler-not {^\t\.(long|quad)\t\.L\d+(-\.L\d+)?$} "no jump table" } } */
