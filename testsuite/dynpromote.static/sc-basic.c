/* Purpose: static_call with the plugin and the runtime: calls reach the
   key's function, static_call_update switches every call, a NULL key
   (DEFINE_STATIC_CALL_NULL, or an update to NULL) does nothing and
   returns 0, static_call_query reports the function (NULL for none), and
   the key's trampoline jumps straight to the current function (the
   out-of-line implementation: the call instructions, part of the
   program's text, are never written): the callee finds that its
   caller's call reaches the trampoline, whose patch point jumps to it.  */
/* { dg-do run } */

#include "sc-test.h"

static unsigned long last_return;

NOIPA long add1 (long x) { last_return = (unsigned long) __builtin_return_address (0); return x + 1; }
NOIPA long mul2 (long x) { last_return = (unsigned long) __builtin_return_address (0); return x * 2; }

DEFINE_STATIC_CALL (op, add1);
DEFINE_STATIC_CALL_NULL (hook, add1);

static long sink;
NOIPA long
run (long x)
{
  long r = static_call (op) (x);
  sink += r;			/* not a tail call */
  return r;
}

NOIPA long
run_hook (long x)
{
  long r = static_call (hook) (x);
  sink += r;
  return r;
}

int
main (void)
{
  CHECK (run (10) == 11);
  CHECK (static_call_query (op) == add1);
  CHECK (run_hook (10) == 0);
  CHECK (static_call_query (hook) == NULL);
  if (dynpromote_enabled ())
    CHECK (sc_trampoline_jump ((void *) last_return) == (unsigned long) add1);

  static_call_update (op, mul2);
  CHECK (run (10) == 20);
  CHECK (static_call_query (op) == mul2);
  if (dynpromote_enabled ())
    CHECK (sc_trampoline_jump ((void *) last_return) == (unsigned long) mul2);

  static_call_update (hook, &add1);
  CHECK (run_hook (4) == 5);
  static_call_update (op, NULL);
  CHECK (run (10) == 0 && static_call_query (op) == NULL);
  static_call_update (op, add1);
  for (long i = 0; i < 100000; i++)
    CHECK (run (i) == i + 1);
  puts ("static ok");
  return 0;
}

/* { dg-output "static ok" } */
/* { dg-final { scan-assembler {\.bundle_lock\n\.Ldp_scall_\d+:} } } */
/* { dg-final { scan-assembler {\tcall\t__dynpromote_scall_tramp_op\n} } } */
