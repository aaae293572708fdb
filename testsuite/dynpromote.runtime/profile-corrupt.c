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

#include "dp-test.h"

/* The first run's dump, truncated in the middle of its site line.  */
static void
corrupt_profile (const char *path)
{
  char *text = dp_read_file (path);
  CHECK (text != NULL);
  char *site = strstr (text, "\nsite id=");
  CHECK (site != NULL);
  char *cut = strstr (site, " line=");
  CHECK (cut != NULL);
  strcpy (cut + 6, "x\n");
  dp_write_file (path, text, strlen (text));
  free (text);
}

#define EDIT_PROFILE(path) corrupt_profile (path)
#define EXPECT_WARM 0
#include "profile-warm.c"

/* { dg-output "cold ok" } */
/* { dg-final { scan-stderr-times {^dynpromote: warning: DYNPROMOTE_PROFILE file '[^']*profile\.txt' is not a dynpromote statistics dump \(line \d+\); starting without it$} 1 } } */
