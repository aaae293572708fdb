/* Purpose: twin of profile-warm.c: a profile of another build of the
   program (the first run's dump with its build_id changed, as a rebuilt
   program would have it) is ignored with one warning naming the
   setting and the object; the second run's site starts cold and learns
   as usual.  */
/* { dg-do run } */
/* { dg-set-env DYNPROMOTE_SAMPLE_PERIOD 1 } */
/* { dg-set-env DYNPROMOTE_LEARN_PERIOD 1 } */
/* { dg-set-env DYNPROMOTE_TRUST_PREDICTOR 0 } */
/* { dg-set-env DYNPROMOTE_COVERAGE 100 } */
/* { dg-set-env DYNPROMOTE_RECHECK_MS 0 } */
/* { dg-set-env DP_PROFILE_FILE @DIR@/profile.txt } */

#include "dp-test.h"

/* Every hex digit of the build_id becomes 0.  */
static void
edit_profile (const char *path)
{
  char *text = dp_read_file (path);
  CHECK (text != NULL);
  char *id = strstr (text, " build_id=");
  CHECK (id != NULL);
  for (char *p = id + 10; *p && *p != '\n'; p++)
    *p = '0';
  dp_write_file (path, text, strlen (text));
  free (text);
}

#define EDIT_PROFILE(path) edit_profile (path)
#define EXPECT_WARM 0
#include "profile-warm.c"

/* { dg-output "cold ok" } */
/* { dg-final { scan-stderr-times {^dynpromote: warning: DYNPROMOTE_PROFILE file '[^']*profile\.txt' is for another build of \S*profile-stale\.exe \(build-id 0+, not [0-9a-f]+\); its entries are ignored$} 1 } } */
/* { dg-final { scan-stats {^site [^\n]* func=call_site kind=\w+ state=promoted } } } */
