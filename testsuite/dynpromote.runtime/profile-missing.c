/* Purpose: twin of profile-warm.c: a DYNPROMOTE_PROFILE that cannot be
   read gets one warning naming the setting and the file, and the
   program runs on as without one.  */
/* { dg-do run } */
/* { dg-set-env DYNPROMOTE_SAMPLE_PERIOD 1 } */
/* { dg-set-env DYNPROMOTE_LEARN_PERIOD 1 } */
/* { dg-set-env DYNPROMOTE_TRUST_PREDICTOR 0 } */
/* { dg-set-env DYNPROMOTE_COVERAGE 100 } */
/* { dg-set-env DYNPROMOTE_RECHECK_MS 0 } */
/* { dg-set-env DP_PROFILE_FILE @DIR@/profile.txt } */

#include <stdio.h>
#include <unistd.h>

#define EDIT_PROFILE(path) unlink (path)
#define EXPECT_WARM 0
#include "profile-warm.c"

/* { dg-output "cold ok" } */
/* { dg-final { scan-stderr-times {^dynpromote: warning: cannot read DYNPROMOTE_PROFILE file '[^']*profile\.txt': No such file or directory; starting without it$} 1 } } */
