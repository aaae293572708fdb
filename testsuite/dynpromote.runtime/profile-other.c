/* Purpose: twin of profile-warm.c: the profile of another program (its
   object's path and build-id are not this program's) matches nothing:
   the site starts cold, silently.  */
/* { dg-do run } */
/* { dg-set-env DYNPROMOTE_SAMPLE_PERIOD 1 } */
/* { dg-set-env DYNPROMOTE_LEARN_PERIOD 1 } */
/* { dg-set-env DYNPROMOTE_TRUST_PREDICTOR 0 } */
/* { dg-set-env DYNPROMOTE_COVERAGE 100 } */
/* { dg-set-env DYNPROMOTE_RECHECK_MS 0 } */
/* { dg-set-env DP_PROFILE_FILE @DIR@/profile.txt } */

#include <stdio.h>
#include <stdlib.h>

/* Another program's profile, with a site of the same id.  */
static void
other_profile (const char *path)
{
  FILE *f = fopen (path, "w");
  if (!f)
    abort ();
  fputs ("# dynpromote-stats v1\n"
	 "process pid=1 exe=/usr/bin/other status=enabled\n"
	 "object path=/usr/bin/other abi=3 sites=1 state=loaded"
	 " build_id=0123456789abcdef\n"
	 "site id=0 file=other.c line=32 col=46 func=call_site kind=call"
	 " state=promoted calls=100 samples=100 hits=100 misses=0"
	 " miss_rate=0.0% promotions=1 repatches=0 unreachable=0 via_plt=0"
	 " call=0x1 entry=0x2 trampoline=0x3 route=stub\n"
	 "  target addr=0x10 sym=hot promoted=1 samples=100 share=100.0%\n",
	 f);
  fclose (f);
}

#define EDIT_PROFILE(path) other_profile (path)
#define EXPECT_WARM 0
#include "profile-warm.c"

/* { dg-output "cold ok" } */
/* { dg-final { scan-stderr-not {warning} } } */
