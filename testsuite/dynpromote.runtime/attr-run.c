/* Purpose: opted-out calls are plain at run time: only the sites
   without DYNPROMOTE_OFF appear in the dump, while every call, opted out
   or not, computes the right result.  One twin pair per position
   (function, typedef, variable, parameter, field).  */
/* { dg-do run } */

#include "dp-test.h"

typedef long (*fn) (long);
typedef long (*off_fn) (long) DYNPROMOTE_OFF;
static volatile long sink;
NOIPA long inc (long x) { return x + 1; }

DYNPROMOTE_OFF NOIPA long off_function (fn f) { long r = f (1); sink = r; return r; }
NOIPA long on_function (fn f) { long r = f (1); sink = r; return r; }

NOIPA long off_typedef (off_fn f) { long r = f (2); sink = r; return r; }
NOIPA long on_typedef (fn f) { long r = f (2); sink = r; return r; }

long (*off_var) (long) DYNPROMOTE_OFF = inc;
long (*on_var) (long) = inc;
NOIPA long off_variable (void) { long r = off_var (3); sink = r; return r; }
NOIPA long on_variable (void) { long r = on_var (3); sink = r; return r; }

NOIPA long off_param (long (*f) (long) DYNPROMOTE_OFF) { long r = f (4); sink = r; return r; }
NOIPA long on_param (long (*f) (long)) { long r = f (4); sink = r; return r; }

struct ops { long (*off) (long) DYNPROMOTE_OFF; long (*on) (long); };
NOIPA long off_field (struct ops *o) { long r = o->off (5); sink = r; return r; }
NOIPA long on_field (struct ops *o) { long r = o->on (5); sink = r; return r; }

int
main (void)
{
  struct ops o = { inc, inc };
  for (int i = 0; i < 20; i++)
    {
      CHECK (off_function (inc) == 2 && on_function (inc) == 2);
      CHECK (off_typedef (inc) == 3 && on_typedef (inc) == 3);
      CHECK (off_variable () == 4 && on_variable () == 4);
      CHECK (off_param (inc) == 5 && on_param (inc) == 5);
      CHECK (off_field (&o) == 6 && on_field (&o) == 6);
    }
  return 0;
}

/* { dg-final { scan-stats-not {func=off_} } } */
/* { dg-final { scan-stats {^site [^\n]* func=on_function } } } */
/* { dg-final { scan-stats {^site [^\n]* func=on_typedef } } } */
/* { dg-final { scan-stats {^site [^\n]* func=on_variable } } } */
/* { dg-final { scan-stats {^site [^\n]* func=on_param } } } */
/* { dg-final { scan-stats {^site [^\n]* func=on_field } } } */
/* { dg-final { scan-stats-times {^site } 5 } } */
