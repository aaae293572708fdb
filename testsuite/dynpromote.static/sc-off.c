/* Purpose: negative twin of sc-basic.c: with DYNPROMOTE=off nothing is
   patched, so the trampoline's patch point still jumps to its own
   fallback, which jumps through the key: every call, update and NULL key
   behaves the same (the generic implementation, at run time).  */
/* { dg-do run } */
/* { dg-set-env DYNPROMOTE off } */

#include "sc-test.h"

static unsigned long last_return;

NOIPA long add1 (long x) { last_return = (unsigned long) __builtin_return_address (0); return x + 1; }
NOIPA long mul2 (long x) { last_return = (unsigned long) __builtin_return_address (0); return x * 2; }

DEFINE_STATIC_CALL (op, add1);

static long sink;
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
  CHECK (!dynpromote_enabled ());
  CHECK (run (10) == 11);
  CHECK (sc_trampoline_jump ((void *) last_return)
	 == (unsigned long) &STATIC_CALL_TRAMP (op) + 16);
  static_call_update (op, mul2);
  CHECK (run (10) == 20);
  CHECK (sc_trampoline_jump ((void *) last_return)
	 == (unsigned long) &STATIC_CALL_TRAMP (op) + 16);
  static_call_update (op, NULL);
  CHECK (run (10) == 0);
  puts ("off ok");
  return 0;
}

/* { dg-output "off ok" } */
