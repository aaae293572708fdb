/* Purpose: -fno-plt: calls to external functions become
   "call *f@GOTPCREL(%rip)", whose target is a constant and stays as it
   is, while calls through real function pointers are rewritten; both
   kinds run correctly.  */
/* { dg-do run } */
/* { dg-options "-fno-plt" } */

#include "dp-test.h"

typedef size_t (*len_fn) (const char *);
static volatile size_t sink;

NOIPA size_t
through_pointer (len_fn f, const char *s)
{
  size_t r = f (s);
  sink = r;
  return r;
}

NOIPA size_t
direct_external (const char *s)
{
  size_t r = strlen (s) + (size_t) abs (-1);
  sink = r;
  return r;
}

int
main (void)
{
  for (int i = 0; i < 100; i++)
    {
      CHECK (through_pointer (HIDE (strlen), "abcd") == 4);
      CHECK (direct_external ("abc") == 4);
    }
  puts ("ok");
  return 0;
}

/* { dg-output "ok" } */
/* { dg-final { scan-assembler {\tcall\t\*(strlen|abs|puts)@GOTPCREL\(%rip\)} } } */
/* { dg-final { scan-assembler {\tcall\t\.Ldp_(?:entry|hit|guard)_\d+$} } } */
/* { dg-final { scan-stats {^site [^\n]* func=through_pointer kind=call } } } */
/* { dg-final { scan-stats-not {^site [^\n]* func=direct_external } } } */
