/* Purpose: non-local gotos are not jump sites.  A dispatch loop whose
   handler calls a nested function that jumps back to a label of the
   loop's function (goto bail), and one whose handler calls a function
   that __builtin_longjmp's to its __builtin_setjmp: both run right,
   many times, through the exits and without them, with their own
   dispatch jumps rewritten (retpoline build); the two non-local jumps
   (a stack switch, then GCC's thunk jump) stay exactly as GCC made them
   and have no line in the dump, which names only the dispatch
   functions.  */
/* { dg-do run } */
/* { dg-options "-mindirect-branch=thunk -mindirect-branch-register" } */

#include "dp-test.h"

enum { INC, DBL, CHECKED, HALT };

/* acc = acc + 1 / acc * 2 / checked against LIMIT; the nested
   function leaves for bail once acc passes it.  */
NOIPA long
run_nested (const unsigned char *code, long limit)
{
  __label__ bail;
  static void *const ops[] = { &&op_inc, &&op_dbl, &&op_checked, &&op_halt };
  long acc = 1;
  NOIPA void bail_out (long v) { if (v > limit) goto bail; }
  goto *ops[*code++];
 op_inc: acc++; goto *ops[*code++];
 op_dbl: acc *= 2; goto *ops[*code++];
 op_checked: bail_out (acc); goto *ops[*code++];
 op_halt: return acc;
 bail: return -acc;
}

static void *jbuf[5];

NOIPA void
thrower (long v, long limit)
{
  if (v > limit)
    __builtin_longjmp (jbuf, 1);
}

NOIPA long
run_builtin (const unsigned char *code, long limit)
{
  static void *const ops[] = { &&op_inc, &&op_dbl, &&op_checked, &&op_halt };
  volatile long acc = 1;
  if (__builtin_setjmp (jbuf))
    return -acc;
  goto *ops[*code++];
 op_inc: acc++; goto *ops[*code++];
 op_dbl: acc *= 2; goto *ops[*code++];
 op_checked: thrower (acc, limit); goto *ops[*code++];
 op_halt: return acc;
}

/* The same, in C: the result, negative after an exit.  */
static long
expect (const unsigned char *code, long limit)
{
  long acc = 1;
  for (;; code++)
    switch (*code)
      {
      case INC: acc++; break;
      case DBL: acc *= 2; break;
      case CHECKED: if (acc > limit) return -acc; break;
      default: return acc;
      }
}

int
main (void)
{
  static const unsigned char code[] = {
    INC, DBL, CHECKED, INC, INC, DBL, CHECKED, DBL, INC, CHECKED,
    DBL, DBL, INC, CHECKED, INC, DBL, DBL, CHECKED, HALT
  };
  long exits = 0;
  for (long i = 0; i < 20000; i++)
    {
      long limit = i % 600, want = expect (code, limit);
      CHECK (run_nested (code, limit) == want);
      CHECK (run_builtin (code, limit) == want);
      exits += want < 0;
    }
  printf ("nonlocal ok: %ld exits\n", exits);
  CHECK (exits > 1000 && exits < 19000);
  return 0;
}

/* { dg-output "nonlocal ok" } */
/* { dg-final { scan-rtl-dump {^rewritten jump site \d+ in run_nested } } } */
/* { dg-final { scan-rtl-dump {^rewritten jump site \d+ in run_builtin } } } */
/* { dg-final { scan-rtl-dump-not {^(?:rewritten|skipped) (?:table )?jump(?: site \d+)? in (?!run_nested |run_builtin )} } } */
/* { dg-final { scan-rtl-dump-not {^skipped } } } */
/* { dg-final { scan-assembler-times {\tmovq\t[^\n]*, %rsp\n(?:\t[^\n]*\n){0,2}?\tjmp\t__x86_indirect_thunk_r[a-z0-9]+\n} 2 } } */
/* { dg-final { scan-assembler-times {\tjmp\t__x86_indirect_thunk_r[a-z0-9]+\n} 2 } } */
/* { dg-final { scan-stats-not {^site [^\n]* func=(?:bail_out|thrower)} } } */
