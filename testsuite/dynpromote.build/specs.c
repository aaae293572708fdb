/* Purpose: one flag, -specs=dynpromote.specs, given to every gcc step
   (what CFLAGS and LDFLAGS both hold) and nothing else: no -fplugin, no
   -ldynpromote, and the link under --as-needed, as Debian's gcc links.
   The plugin rewrites the call (its label is in the assembly), the
   runtime is linked and kept (the program promotes its site and the
   dump lists it), and dynpromote.h is found.  Twin: specs-none.c, the
   same without the flag.  */
/* { dg-do run } */
/* { dg-plugin off } */
/* { dg-runtime none } */
/* { dg-options "-specs=@SPECS@ -Wl,--as-needed" } */
/* { dg-set-env DYNPROMOTE_LEARN_PERIOD 1 } */
/* { dg-set-env DYNPROMOTE_DECIDE_SAMPLES 8 } */
/* { dg-set-env DYNPROMOTE_TRUST_PREDICTOR 0 } */

#include <stdio.h>
#ifdef __DYNPROMOTE__
# include <dynpromote.h>
#endif

typedef long (*fn) (long);
__attribute__ ((noipa)) long twice (long x) { return 2 * x; }
__attribute__ ((noipa)) long site (fn f, long x) { return f (x); }
fn volatile target = twice;

int
main (void)
{
  long s = 0;
  for (long i = 0; i < 100000; i++)
    s += site (target, i);
#ifdef __DYNPROMOTE__
  struct dynpromote_counters c;
  dynpromote_get_counters (&c);
  printf ("promotions %llu\n", c.promotions);
#else
  puts ("no dynpromote");
#endif
  printf ("sum %ld\n", s);
  return s != 9999900000L;
}

/* { dg-final { scan-assembler {^\.Ldp_call_\d+:} } } */
/* { dg-output "promotions \[1-9\]\[^\n\]*\nsum 9999900000" } */
/* { dg-final { scan-stats {^site [^\n]* func=site kind=\S+ state=promoted } } } */
