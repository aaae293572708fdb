/* Purpose: variadic callees reached through rewritten calls get their
   named and anonymous integer and pointer arguments, in registers and on
   the stack; libc's variadic snprintf works through a rewritten call.  */
/* { dg-do run } */

#include <stdarg.h>
#include "dp-test.h"

typedef long (*vsum_fn) (int, ...);
typedef int (*snprintf_fn) (char *, size_t, const char *, ...);

NOIPA long
weighted_sum (int n, ...)
{
  va_list ap;
  long s = 0;
  va_start (ap, n);
  for (int i = 0; i < n; i++)
    s += va_arg (ap, long) * (i + 1);
  va_end (ap);
  return s;
}

NOIPA long
mixed_ints (int n, ...)
{
  va_list ap;
  long s = 0;
  va_start (ap, n);
  for (int i = 0; i < n; i++)
    {
      switch (i % 4)
	{
	case 0: s += va_arg (ap, int); break;
	case 1: s += va_arg (ap, long long); break;
	case 2: s += *va_arg (ap, int *); break;
	default: s += (unsigned char) va_arg (ap, int); break;
	}
    }
  va_end (ap);
  return s;
}

int
main (void)
{
  int seven = 7, eight = 8;
  for (int rep = 0; rep < 64; rep++)
    {
      vsum_fn f = HIDE (weighted_sum);
      vsum_fn m = HIDE (mixed_ints);
      snprintf_fn sp = HIDE (snprintf);
      char buf[64];

      CHECK (f (0) == 0);
      CHECK (f (3, 1L, 2L, 3L) == 1 + 4 + 9);
      CHECK (f (12, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L)
	     == 650);
      CHECK (f (2, -5L, 0x100000000L) == -5 + 2 * 0x100000000L);
      CHECK (m (8, -1, 1LL << 40, &seven, 255, 3, -(1LL << 33), &eight, 1)
	     == -1 + (1LL << 40) + 7 + 255 + 3 - (1LL << 33) + 8 + 1);
      CHECK (sp (buf, sizeof buf, "%d-%s-%ld-%c", rep, "x", 3L, 'q') > 0);
      char want[64];
      sprintf (want, "%d-x-3-q", rep);
      CHECK (strcmp (buf, want) == 0);
    }
  puts ("ok");
  return 0;
}

/* { dg-output "ok" } */
/* { dg-final { scan-assembler {\tcall\t\.Ldp_(?:entry|hit|guard)_\d+$} } } */
/* { dg-final { scan-assembler-not {\tcall\t\*(?!__dynpromote_sample@GOTPCREL)} } } */
/* { dg-final { scan-stats {^site [^\n]* func=main kind=call } } } */
/* { dg-final { scan-stats {^\s+target [^\n]*sym=weighted_sum } } } */
/* { dg-final { scan-stats {^\s+target [^\n]*sym=mixed_ints } } } */
