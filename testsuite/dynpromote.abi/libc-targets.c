/* Purpose: targets in another object (libc, some of them IFUNC-resolved
   like strlen and memcpy) reached through rewritten calls, libc calling
   back into our code (qsort's comparator, itself calling through a
   rewritten site), and printf through a pointer; the dump names the libc
   targets.  */
/* { dg-do run } */
/* { dg-set-env DYNPROMOTE_SAMPLE_PERIOD 1 } */

#include "dp-test.h"

typedef int (*cmp_fn) (const void *, const void *);
static cmp_fn volatile inner_cmp;
static volatile int sink;

NOIPA int
cmp_long (const void *a, const void *b)
{
  long x = *(const long *) a, y = *(const long *) b;
  return (x > y) - (x < y);
}

NOIPA int
outer_cmp (const void *a, const void *b)
{
  int r = inner_cmp (a, b);
  sink = r;
  return r;
}

int
main (void)
{
  size_t (*len) (const char *) = HIDE (strlen);
  void *(*cpy) (void *, const void *, size_t) = HIDE (memcpy);
  void (*sort) (void *, size_t, size_t, cmp_fn) = HIDE (qsort);
  void *(*find) (const void *, const void *, size_t, size_t, cmp_fn)
    = HIDE (bsearch);
  int (*pf) (const char *, ...) = HIDE (printf);
  long v[257], key;
  char buf[64];

  inner_cmp = cmp_long;
  for (int rep = 0; rep < 64; rep++)
    {
      for (int i = 0; i < 257; i++)
	v[i] = (i * 7919L + rep) % 257;
      sort (v, 257, sizeof v[0], HIDE (outer_cmp));
      for (int i = 0; i < 257; i++)
	CHECK (v[i] == i);
      key = rep;
      CHECK (find (&key, v, 257, sizeof v[0], HIDE (outer_cmp)) == &v[rep]);
      CHECK (len ("dynpromote") == 10);
      CHECK (cpy (buf, "abcdef", 7) == buf && strcmp (buf, "abcdef") == 0);
    }
  pf ("%s %d %.1f\n", "printf", 42, 0.5);
  return 0;
}

/* { dg-output "printf 42 0.5" } */
/* { dg-final { scan-assembler {\tcall\t\.Ldp_(?:entry|hit|guard)_\d+$} } } */
/* { dg-final { scan-stats {^site [^\n]* func=outer_cmp kind=call } } } */
/* { dg-final { scan-stats {^\s+target [^\n]*sym=cmp_long } } } */
/* { dg-final { scan-stats {^\s+target [^\n]*sym=\S*qsort\S* } } } */
/* { dg-final { scan-stats {^\s+target [^\n]*sym=\S*printf\S* } } } */
