/* Purpose: a family is shared per linked object: the program and the
   shared object it links (dso-lib.c) both call through family io, and
   each has its own shared state, listed once in its own object block
   (the hidden comdat symbol is not merged across objects).  */
/* { dg-do run } */
/* The sites stay learning through these calls (a verdict needs 64
   samples, one in 16 calls), so the dump's call counts are exact.  */
/* { dg-set-env DYNPROMOTE_LEARN_PERIOD 16 } */
/* { dg-dso dpfam dso-lib.c } */
/* { dg-link-dso dpfam } */
/* { dg-set-env DYNPROMOTE_SAMPLE_PERIOD 1 } */

#include "dp-test.h"

typedef long (*io_fn) (long) DYNPROMOTE_SHARED (io);
extern long lib_call (io_fn f, long x);
extern long lib_call2 (io_fn f, long x);

NOIPA static long neg (long x) { return -x; }

NOIPA long
main_call (io_fn f, long x)
{
  return f (x) + 0;
}

int
main (void)
{
  for (long i = 0; i < 200; i++)
    {
      CHECK (main_call (HIDE (neg), i) == -i);
      CHECK (lib_call (HIDE (neg), i) == -i);
      CHECK (lib_call2 (HIDE (neg), i) == -i);
    }
  puts ("dso ok");
  return 0;
}

/* { dg-output "dso ok" } */
/* { dg-final { scan-stats-times {^shared family=io } 2 } } */
/* { dg-final { scan-stats {libdpfam\.so abi=3 sites=2 state=loaded build_id=[0-9a-f]+\nshared family=io sites=2 [^\n]* calls=400 } } } */
/* { dg-final { scan-stats {dso\.exe abi=3 sites=1 state=loaded build_id=[0-9a-f]+\nshared family=io sites=1 [^\n]* calls=200 } } } */
