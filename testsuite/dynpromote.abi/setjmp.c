/* Purpose: setjmp/longjmp across rewritten calls: longjmp out of a
   callee two rewritten calls deep, back into a function that was itself
   called through a rewritten call; sigsetjmp/siglongjmp likewise; and
   the same sites keep working afterwards, many times over.  */
/* { dg-do run } */

#include <setjmp.h>
#include <signal.h>
#include "dp-test.h"

static jmp_buf env;
static sigjmp_buf senv;
static volatile int depth_reached;

typedef int (*fn) (int);

NOIPA int
thrower (int code)
{
  depth_reached = code;
  longjmp (env, code);
}

NOIPA int
middle (int code)
{
  fn t = HIDE (thrower);
  int r = t (code);
  return r + 1;		/* never reached */
}

NOIPA int
catcher (int code)
{
  volatile int caught = 0;
  int v = setjmp (env);
  if (v == 0)
    {
      fn m = HIDE (middle);
      m (code);
      abort ();
    }
  caught = v;
  return caught;
}

NOIPA int
sig_thrower (int code)
{
  siglongjmp (senv, code);
}

NOIPA int
sig_catcher (int code)
{
  int v = sigsetjmp (senv, 1);
  if (v == 0)
    {
      fn t = HIDE (sig_thrower);
      t (code);
      abort ();
    }
  return v;
}

NOIPA int
plus1 (int x)
{
  return x + 1;
}

int
main (void)
{
  for (int rep = 1; rep <= 500; rep++)
    {
      fn c = HIDE (catcher);
      fn sc = HIDE (sig_catcher);
      fn p = HIDE (plus1);
      CHECK (c (rep) == rep);
      CHECK (depth_reached == rep);
      CHECK (sc (rep + 1) == rep + 1);
      CHECK (p (rep) == rep + 1);
    }
  puts ("ok");
  return 0;
}

/* { dg-output "ok" } */
/* { dg-final { scan-assembler {\tcall\t\.Ldp_(?:entry|hit|guard)_\d+$} } } */
/* { dg-final { scan-stats {^\s+target [^\n]*sym=thrower } } } */
/* { dg-final { scan-stats {^\s+target [^\n]*sym=catcher } } } */
