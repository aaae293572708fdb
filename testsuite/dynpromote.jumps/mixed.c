/* Purpose: one function with a computed goto, a jump table and an asm
   goto: both indirect jumps are rewritten (a "jump" and a "table jump"
   site; the asm goto is a direct jump and no site), the liveness walk
   goes through all three kinds of jump, and the results are right with
   the sites promoted.  Plain build with -fplugin-arg-dynpromote-jumps.
   Twin: mixed-nojt.c (-fno-jump-tables: the table jump becomes
   compares, only the computed gotos are sites).  */
/* { dg-do run } */
/* { dg-options "-fcf-protection=none -fplugin-arg-dynpromote-jumps" } */
/* { dg-set-env DYNPROMOTE_TRUST_PREDICTOR 0 } */

#include "dp-test.h"

enum { INC, SW, TEST, HALT };

NOIPA long
ext (long x)
{
  return x * 3 + 1;
}

NOIPA long
both (const unsigned char *code, long x)
{
  static void *const ops[] = { &&op_inc, &&op_sw, &&op_test, &&op_halt };
  goto *ops[*code++];
 op_inc: x++; goto *ops[*code++];
 op_sw:
  switch (x & 15)
    {
    case 0: x += 3; break;
    case 1: x *= 5; break;
    case 2: x -= 7; break;
    case 3: x ^= 9; break;
    case 4: x += 11; break;
    case 5: x *= 13; break;
    case 6: x -= 15; break;
    case 7: x ^= 17; break;
    case 8: x += 19; break;
    case 9: x *= 21; break;
    case 10: x -= 23; break;
    default: x = ext (x); break;
    }
  goto *ops[*code++];
 op_test:
  asm goto ("testq $1, %0; jnz %l1" :: "r" (x) : "cc" : op_halt);
  x = ext (x);
  goto *ops[*code++];
 op_halt: return x;
}

DYNPROMOTE_OFF NOIPA long
both_ref (const unsigned char *code, long x)
{
  for (;; code++)
    switch (*code)
      {
      case INC: x++; break;
      case SW:
	switch (x & 15)
	  {
	  case 0: x += 3; break;
	  case 1: x *= 5; break;
	  case 2: x -= 7; break;
	  case 3: x ^= 9; break;
	  case 4: x += 11; break;
	  case 5: x *= 13; break;
	  case 6: x -= 15; break;
	  case 7: x ^= 17; break;
	  case 8: x += 19; break;
	  case 9: x *= 21; break;
	  case 10: x -= 23; break;
	  default: x = ext (x); break;
	  }
	break;
      case TEST: if (x & 1) return x; x = ext (x); break;
      default: return x;
      }
}

int
main (void)
{
  static const unsigned char code[] = {
    INC, SW, INC, TEST, SW, SW, INC, TEST, INC, SW, TEST, SW, INC, HALT
  };
  for (long i = 0; i < 60000; i++)
    CHECK (both (code, i) == both_ref (code, i));
  puts ("mixed ok");
  return 0;
}

/* { dg-output "mixed ok" } */
/* { dg-final { scan-rtl-dump-times {^rewritten table jump site \d+ in both at } 1 } } */
/* { dg-final { scan-rtl-dump {^rewritten jump site \d+ in both at } } } */
/* { dg-final { scan-rtl-dump-not {^skipped (?:table )?jump in both } } } */
/* { dg-final { scan-assembler-not {^both:\n(?:(?!\t\.size\tboth, )[^\n]*\n)*?\tjmp\t\*} } } */
/* { dg-final { scan-stats {^site [^\n]* func=both kind=jump state=promoted } } } */
