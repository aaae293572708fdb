/* Purpose: updates before main: a constructor switches the key, and both
   a call from another constructor and the calls in main reach the new
   function, with the key's trampoline patched to it.  */
/* { dg-do run } */

#include "sc-test.h"

static unsigned long last_return;
NOIPA long add1 (long x) { return x + 1; }
NOIPA long mul2 (long x) { last_return = (unsigned long) __builtin_return_address (0); return x * 2; }
DEFINE_STATIC_CALL (op, add1);

static long early;
static long sink;

__attribute__ ((constructor (200))) static void
set_early (void)
{
  static_call_update (op, mul2);
}

__attribute__ ((constructor (300))) static void
use_early (void)
{
  early = static_call (op) (21);
}

NOIPA long
run (long x)
{
  long r = static_call (op) (x);
  sink += r;
  return r;
}

int
main (void)
{
  CHECK (early == 42);
  CHECK (run (5) == 10);
  if (dynpromote_enabled ())
    CHECK (sc_trampoline_jump ((void *) last_return) == (unsigned long) mul2);
  puts ("before main ok");
  return 0;
}

/* { dg-output "before main ok" } */
