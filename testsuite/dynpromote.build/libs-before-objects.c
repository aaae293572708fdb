/* Purpose: the runtime's link flags (pkg-config --libs dynpromote) put
   before the objects, as LDFLAGS are in most make rules, still link when
   the linker runs with --as-needed (Debian's gcc passes it by default).
   Caught by the corpus: zlib's test programs are linked as
   "$(CC) $(CFLAGS) -o example example.o $(LDFLAGS) -L. libz.a", so
   -ldynpromote came before the archive whose members hold the sites,
   --as-needed dropped it, and every __dynpromote_* reference was
   undefined.  */
/* { dg-do run } */
/* { dg-runtime first } */
/* { dg-options "-Wl,--as-needed" } */

#include "dp-test.h"

typedef int (*fn) (int);
NOIPA int twice (int x) { return 2 * x; }
NOIPA int apply (fn f, int x) { return f (x); }

int
main (void)
{
  for (int i = 0; i < 100; i++)
    CHECK (apply (twice, i) == 2 * i);
  return 0;
}

/* { dg-final { scan-stats {^site [^\n]* func=apply kind=(call|sibcall) } } } */
