/* Purpose: the statistics dump, format v1, line by line: header,
   process line, one object line for the program with its site count,
   one line per site with location, function, kind, state, call count
   and addresses, and its targets by symbol name with their shares, most
   frequent first.  Sampling every call (period 1) makes the counts
   exact: 600 calls to add and 400 to sub through one site.  */
/* { dg-do run } */
/* { dg-set-env DYNPROMOTE_SAMPLE_PERIOD 1 } */
/* { dg-set-env DYNPROMOTE_LEARN_PERIOD 1 } */
/* (The promotion runtime samples learning sites at its own
   DYNPROMOTE_LEARN_PERIOD; it is set to the same period.)  */

#include "dp-test.h"

typedef int (*binop) (int, int);
static volatile int sink;

NOIPA int add (int a, int b) { return a + b; }
NOIPA int sub (int a, int b) { return a - b; }

NOIPA int
site_a (binop f, int x)
{
  int r = f (x, 1);
  sink = r;
  return r;
}

int
main (void)
{
  long sum = 0;
  for (int i = 0; i < 1000; i++)
    sum += site_a (i % 10 < 6 ? add : sub, i);
  CHECK (sum == 999L * 1000 / 2 + 600 - 400);
  return 0;
}

/* { dg-final { scan-stats {\A# dynpromote-stats v1\n} } } */
/* { dg-final { scan-stats {^process pid=\d+ exe=\S*[/]stats-format\.exe status=enabled$} } } */
/* { dg-final { scan-stats {^object path=\S*[/]stats-format\.exe abi=3 sites=1 state=loaded build_id=[0-9a-f]+$} } } */
/* { dg-final { scan-stats-times {^object } 1 } } */
/* { dg-final { scan-stats-times {^site } 1 } } */
/* { dg-final { scan-stats {^site id=\d+ file=\S*stats-format\.c line=24 col=\d+ func=site_a kind=call state=\w+ calls=1000 samples=\d+ (\S+ )*call=0x[0-9a-f]+ entry=0x[0-9a-f]+( \S+)*$} } } */
/* { dg-final { scan-stats {^site [^\n]* func=site_a [^\n]*\n  target addr=0x[0-9a-f]+ sym=add (\S+ )*samples=\d+ share=60\.0% off=0x[0-9a-f]+\n  target addr=0x[0-9a-f]+ sym=sub (\S+ )*samples=\d+ share=40\.0% off=0x[0-9a-f]+$} } } */
/* { dg-final { scan-stats-times {^  target } 2 } } */
