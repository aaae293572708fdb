/* Purpose: the generic implementation: without the plugin (and without
   the runtime) the same source calls through the key's pointer, updates
   and queries work, and a NULL key returns 0.  */
/* { dg-do run } */
/* { dg-plugin off } */
/* { dg-runtime none } */

#include <stdio.h>
#include <stdlib.h>
#include <dynpromote/static_call.h>

#define CHECK(c) do { if (!(c)) { fprintf (stderr, "FAILED: %s\n", #c); abort (); } } while (0)

__attribute__ ((noipa)) long add1 (long x) { return x + 1; }
__attribute__ ((noipa)) long mul2 (long x) { return x * 2; }

DEFINE_STATIC_CALL (op, add1);
DEFINE_STATIC_CALL_NULL (hook, mul2);

int
main (void)
{
#ifdef __DYNPROMOTE__
  CHECK (!"built with the plugin");
#endif
  CHECK (static_call (op) (10) == 11);
  CHECK (static_call (hook) (10) == 0 && static_call_query (hook) == NULL);
  static_call_update (op, mul2);
  CHECK (static_call (op) (10) == 20 && static_call_query (op) == mul2);
  static_call_update (hook, add1);
  CHECK (static_call (hook) (1) == 2);
  static_call_update (op, NULL);
  CHECK (static_call (op) (3) == 0);
  puts ("generic ok");
  return 0;
}

/* { dg-output "generic ok" } */
/* { dg-final { scan-assembler-not {__dynpromote_scall_tramp_op} } } */
