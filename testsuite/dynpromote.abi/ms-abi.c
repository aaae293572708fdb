/* Purpose: ms_abi callees reached through rewritten calls through
   __attribute__ ((ms_abi)) function pointers get %rcx %rdx %r8 %r9, the
   32-byte shadow space and the stack arguments above it exactly as the
   Microsoft convention places them; doubles go in %xmm0-3 by position;
   structs come back through a hidden pointer; ms_abi varargs work; and
   a callee that scribbles over its shadow space does not break the
   caller.  */
/* { dg-do run } */

#include "dp-test.h"

#define MS __attribute__ ((ms_abi))

MS NOIPA long
ms4 (long a, long b, long c, long d)
{
  return a * 1000 + b * 100 + c * 10 + d;
}

MS NOIPA long
ms7 (long a, long b, long c, long d, long e, long f, long g)
{
  CHECK (a == 1 && b == 2 && c == 3 && d == 4 && e == 5 && f == 6 && g == 7);
  return a + b + c + d + e + f + g;
}

/* Doubles in positions 1 and 3 use %xmm1 and %xmm3.  */
MS NOIPA double
ms_mixed (int i, double x, long j, double y, double z)
{
  CHECK (i == 10 && x == 0.25 && j == 20 && y == 0.5 && z == 0.125);
  return i + x + j + y + z;
}

struct ms_big { long a, b, c; };

MS NOIPA struct ms_big
ms_ret (long s)
{
  struct ms_big r = { s, s + 1, s + 2 };
  return r;
}

/* long ms_scribble (long a, long b, long c, long d, long e), ms_abi:
   stores its register arguments into the four shadow slots the caller
   reserved at 8..32(%rsp), reads the fifth argument at 40(%rsp), and
   returns the sum of all five read back from the stack.  */
__asm__ (".text\n"
	 ".globl ms_scribble\n"
	 ".type ms_scribble, @function\n"
	 "ms_scribble:\n"
	 "\tendbr64\n"
	 "\tmovq %rcx, 8(%rsp)\n"
	 "\tmovq %rdx, 16(%rsp)\n"
	 "\tmovq %r8, 24(%rsp)\n"
	 "\tmovq %r9, 32(%rsp)\n"
	 "\tmovq 40(%rsp), %rax\n"
	 "\taddq 8(%rsp), %rax\n"
	 "\taddq 16(%rsp), %rax\n"
	 "\taddq 24(%rsp), %rax\n"
	 "\taddq 32(%rsp), %rax\n"
	 "\tret\n"
	 ".size ms_scribble, .-ms_scribble\n");
MS long ms_scribble (long, long, long, long, long);

MS NOIPA long
ms_var (int n, ...)
{
  __builtin_ms_va_list ap;
  long s = 0;
  __builtin_ms_va_start (ap, n);
  for (int i = 0; i < n; i++)
    s += __builtin_va_arg (ap, long) << i;
  __builtin_ms_va_end (ap);
  return s;
}

typedef long (MS *ms4_fn) (long, long, long, long);
typedef long (MS *ms7_fn) (long, long, long, long, long, long, long);
typedef double (MS *mixed_fn) (int, double, long, double, double);
typedef struct ms_big (MS *ret_fn) (long);
typedef long (MS *scr_fn) (long, long, long, long, long);
typedef long (MS *var_fn) (int, ...);

/* A sysv function tail-calling an ms_abi one cannot be a sibcall (the
   shadow space); GCC makes it a call, which must still work.  */
NOIPA long
sysv_to_ms (ms7_fn f)
{
  return f (1, 2, 3, 4, 5, 6, 7);
}

/* An ms_abi function calling another ms_abi function in tail position
   may be a sibcall.  */
MS NOIPA long
ms_to_ms (ms4_fn f, long a)
{
  return f (a, a, a, a);
}

int
main (void)
{
  for (long rep = 0; rep < 64; rep++)
    {
      ms4_fn f4 = HIDE (ms4);
      ms7_fn f7 = HIDE (ms7);
      mixed_fn fm = HIDE (ms_mixed);
      ret_fn fr = HIDE (ms_ret);
      scr_fn fs = HIDE (ms_scribble);
      var_fn fv = HIDE (ms_var);
      long (MS *fmm) (ms4_fn, long) = HIDE (ms_to_ms);

      CHECK (f4 (1, 2, 3, rep) == 1230 + rep);
      CHECK (f7 (1, 2, 3, 4, 5, 6, 7) == 28);
      CHECK (sysv_to_ms (f7) == 28);
      CHECK (fm (10, 0.25, 20, 0.5, 0.125) == 30.875);
      struct ms_big b = fr (rep);
      CHECK (b.a == rep && b.b == rep + 1 && b.c == rep + 2);
      long keep = rep * 3;
      CHECK (fs (1, 2, 3, 4, 50) == 60);
      CHECK (keep == rep * 3);
      CHECK (fv (3, 1L, 1L, 1L) == 7);
      CHECK (fv (6, 1L, 0L, 1L, 0L, 1L, 1L) == 1 + 4 + 16 + 32);
      CHECK (fmm (f4, 2) == 2222);
    }
  puts ("ok");
  return 0;
}

/* { dg-output "ok" } */
/* { dg-final { scan-assembler {\tcall\t\.Ldp_(?:entry|hit|guard)_\d+$} } } */
/* { dg-final { scan-assembler-not {\t(call|jmp)\t\*(?!%r11$|__dynpromote_sample@GOTPCREL)} } } */
/* { dg-final { scan-stats {^\s+target [^\n]*sym=ms7 } } } */
/* { dg-final { scan-stats {^\s+target [^\n]*sym=ms_var } } } */
