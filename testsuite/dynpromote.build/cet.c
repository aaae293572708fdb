/* Purpose: -fcf-protection=full: rewritten calls and sibcalls run, the
   test's objects keep their .note.gnu.property (IBT and SHSTK) with the
   plugin's stubs and records in them, functions still start with
   endbr64, and every object of libdynpromote.a carries the property
   too, so linking dynpromote never turns CET off for a program whose
   other objects have it.  (Debian's own crt files lack it, so the linked
   program is not checked.)  */
/* { dg-do run } */
/* { dg-options "-fcf-protection=full" } */

#include "dp-test.h"

typedef long (*fn) (long);
static volatile long sink;
NOIPA long inc (long x) { return x + 1; }
NOIPA long site (fn f, long x) { long r = f (x); sink = r; return r; }
NOIPA long tail (fn f, long x) { return f (x); }

int
main (void)
{
  for (long i = 0; i < 100; i++)
    CHECK (site (HIDE (inc), i) == i + 1 && tail (HIDE (inc), i) == i + 1);
  puts ("ok");
  return 0;
}

/* { dg-output "ok" } */
/* { dg-final { scan-assembler {\.section\s+\.note\.gnu\.property} } } */
/* { dg-final { scan-assembler {\tendbr64} } } */
/* { dg-final { scan-assembler {\tcall\t\.Ldp_(?:entry|hit|guard)_\d+$} } } */
/* { dg-final { scan-assembler-not {\tnotrack } } } */
/* { dg-final { scan-readelf-notes {x86 feature: IBT, SHSTK} objects } } */
/* { dg-final { scan-readelf-notes-each {x86 feature: IBT, SHSTK} runtime } } */
