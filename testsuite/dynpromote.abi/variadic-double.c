/* Purpose: %al (the count of vector registers used) survives the
   rewritten call: variadic callees read doubles from registers and,
   past eight, from the stack, interleaved with integers; floats are
   promoted; long double goes in memory; vprintf-style libc code gets the
   right numbers.  If %al were clobbered to 0 the callee's prologue would
   not save %xmm0-7 and va_arg would read garbage.  */
/* { dg-do run } */

#include <stdarg.h>
#include "dp-test.h"

typedef double (*dsum_fn) (int, ...);
typedef long double (*mix_fn) (const char *, ...);
typedef int (*snprintf_fn) (char *, size_t, const char *, ...);

NOIPA double
dsum (int n, ...)
{
  va_list ap;
  double s = 0;
  va_start (ap, n);
  for (int i = 0; i < n; i++)
    s += va_arg (ap, double) * (i + 1);
  va_end (ap);
  return s;
}

/* Types by letter: i int, l long, d double, L long double.  */
NOIPA long double
mix (const char *types, ...)
{
  va_list ap;
  long double s = 0;
  va_start (ap, types);
  for (const char *t = types; *t; t++)
    switch (*t)
      {
      case 'i': s += va_arg (ap, int); break;
      case 'l': s += va_arg (ap, long); break;
      case 'd': s += va_arg (ap, double); break;
      case 'L': s += va_arg (ap, long double); break;
      default: abort ();
      }
  va_end (ap);
  return s;
}

int
main (void)
{
  for (int rep = 0; rep < 64; rep++)
    {
      dsum_fn d = HIDE (dsum);
      mix_fn m = HIDE (mix);
      snprintf_fn sp = HIDE (snprintf);
      float f = 2.5f;
      char buf[128];

      CHECK (d (1, 1.5) == 1.5);
      CHECK (d (3, 1.0, 2.0, (double) f) == 1.0 + 4.0 + 7.5);
      CHECK (d (8, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0) == 36.0);
      CHECK (d (11, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.5, 0.25, 2.0)
	     == 36.0 + 4.5 + 2.5 + 22.0);
      CHECK (m ("idldLi", 1, 0.5, 2L, 0.25, (long double) 1e-3L, 3)
	     == 1 + 0.5L + 2 + 0.25L + 1e-3L + 3);
      CHECK (m ("dddddddddddi", 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0,
		9.0, 10.0, 11.0, 12) == 78);
      CHECK (m ("") == 0);
      CHECK (sp (buf, sizeof buf, "%.2f %d %.3f %Lg %s", 3.25, 7, 0.125,
		 (long double) 2.5L, "z") > 0);
      CHECK (strcmp (buf, "3.25 7 0.125 2.5 z") == 0);
    }
  puts ("ok");
  return 0;
}

/* { dg-output "ok" } */
/* { dg-final { scan-assembler {\tcall\t\.Ldp_(?:entry|hit|guard)_\d+$} } } */
/* { dg-final { scan-assembler-not {\tcall\t\*(?!__dynpromote_sample@GOTPCREL)} } } */
/* { dg-final { scan-stats {^\s+target [^\n]*sym=dsum } } } */
/* { dg-final { scan-stats {^\s+target [^\n]*sym=mix } } } */
