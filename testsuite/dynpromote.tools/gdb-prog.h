/* gdb-prog.h - the program of the gdb tests (gdb-*.c, each run under
   gdb -batch with the script of its name, gdb-*.gdb).

   gp_site's one call is rewritten and promoted for two targets, 80/20:
   gp_hot is held in the inline guard, so once a grace period has covered
   the guard the stub's hit patch point jumps to gp_hot itself
   (route=direct), and gp_cold is reached through the trampoline (the
   guard's miss branch reaches the stub's entry, which jumps to it).  main (defined here: a test's source only includes this file)
   checks that in its own dump, prints "promoted route=direct", calls
   gp_checkpoint (where the scripts set their breakpoints: after
   promotion), then gp_site (gp_hot, 7) and gp_site (gp_cold, 8), and
   prints "a=22 b=26".

   The callees and gp_site are each on a page of their own (page-aligned,
   in a section of their own, with a page-aligned function after them),
   so the only page of the program's text that holds patched code is
   gp_site's (the stubs are on pages of their own): a
   breakpoint in the callees, gp_checkpoint or main does not depend on
   how the runtime treats pages that hold patched code, one in gp_site
   (a breakpoint, or the return address finish and next stop at) does.
   Build with -fno-toplevel-reorder (the order of the functions is the
   order below) and -g.  A test may define GP_BEFORE_CHECKPOINT, a
   function main calls just before gp_checkpoint.  */

#ifndef GDB_PROG_H
#define GDB_PROG_H

#include "dp-test.h"

#define GP_CALLS 20000L
#define GP_OWN_PAGE \
  __attribute__ ((noipa, section (".text.gp_pages"), aligned (4096)))

typedef long (*gp_fn) (long);

GP_OWN_PAGE long
gp_hot (long x)
{
  return 3 * x;
}

GP_OWN_PAGE long
gp_cold (long x)
{
  return 3 * x + 1;
}

GP_OWN_PAGE long
gp_site (gp_fn f, long x)
{
  long r = f (x);
  return r + 1;
}

GP_OWN_PAGE void
gp_pages_end (void)
{
}


NOIPA void
gp_checkpoint (void)
{
  __asm__ volatile ("");
}

int
main (void)
{
  static const int shares[2] = { 80, 20 };
  long sum = 0;
  for (long i = 0; i < GP_CALLS; i++)
    sum += gp_site (HIDE (dp_pick_share (i, shares, 2) ? gp_cold : gp_hot),
		    i);
  char *s = dp_stats_now ();
  const char *line = dp_stats_site (s, "gp_site", 0);
  CHECK (line != NULL);
  CHECK (strstr (line, " state=promoted ") != NULL);
  CHECK (strstr (line, " route=direct") != NULL);
  free (s);
  printf ("promoted route=direct\n");
  fflush (stdout);
#ifdef GP_BEFORE_CHECKPOINT
  GP_BEFORE_CHECKPOINT ();
#endif
  gp_checkpoint ();
  long a = gp_site (HIDE (gp_hot), 7);
  long b = gp_site (HIDE (gp_cold), 8);
  printf ("a=%ld b=%ld sum=%ld\n", a, b, sum);
  CHECK (a == 22 && b == 26);
  return 0;
}

#endif /* GDB_PROG_H */
