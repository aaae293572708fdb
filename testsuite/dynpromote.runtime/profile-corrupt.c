/* Purpose: twin of profile-warm.c: a profile that is not a dump (here
   a text file; also a dump cut short in a field) gets one warning
   naming DYNPROMOTE_PROFILE and the line at fault, and the program runs
   on as without one: the site starts cold, its results are right.  */
/* { dg-do run } */
/* { dg-set-env DYNPROMOTE_SAMPLE_PERIOD 1 } */
/* { dg-set-env DYNPROMOTE_LEARN_PERIOD 1 } */
/* { dg-set-env DYNPROMOTE_TRUST_PREDICTOR 0 } */
/* { dg-set-env DYNPROMOTE_COVERAGE 100 } */
/* { dg-set-env DYNPROMOTE_RECHECK_MS 0 } */
/* { dg-set-env DP_PROFILE_FILE @DIR@/profile.txt } */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The first run's dump, truncated in the middle of its site line.  */
static void
corrupt_profile (const char *path)
{
  FILE *f = fopen (path, "r+");
  if (!f)
    abort ();
  static char text[1 << 20];
  size_t len = fread (text, 1, sizeof text - 1, f);
  fclose (f);
  text[len] = 0;
  char *site = strstr (text, "\nsite id=");
  if (!site)
    abort ();
  char *cut = strstr (site, " line=");
  if (!cut)
    abort ();
  f = fopen (path, "w");
  fwrite (text, 1, (size_t) (cut - text) + 6, f);
  fputs ("x\n", f);
  fclose (f);
}

#define EDIT_PROFILE(path) corrupt_profile (path)
#define EXPECT_WARM 0
#include "profile-warm.c"

/* { dg-output "cold ok" } */
/* { dg-final { scan-stderr-times {^dynpromote: warning: DYNPROMOTE_PROFILE file '[^']*profile\.txt' is not a dynpromote statistics dump \(line \d+\); starting without it$} 1 } } */
