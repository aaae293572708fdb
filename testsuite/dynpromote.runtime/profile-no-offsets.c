/* Purpose: twin of profile-warm.c: a profile without off= on its
   targets (what a runtime before them wrote) still starts the same
   build warm, its targets found by name in the symbol table.  */
/* { dg-do run } */
/* { dg-set-env DYNPROMOTE_SAMPLE_PERIOD 1 } */
/* { dg-set-env DYNPROMOTE_LEARN_PERIOD 1 } */
/* { dg-set-env DYNPROMOTE_TRUST_PREDICTOR 0 } */
/* { dg-set-env DYNPROMOTE_COVERAGE 100 } */
/* { dg-set-env DYNPROMOTE_RECHECK_MS 0 } */
/* { dg-set-env DP_PROFILE_FILE @DIR@/profile.txt } */

#include "dp-test.h"

/* Every " off=0x..." field goes.  */
static void
drop_offsets (const char *path)
{
  char *text = dp_read_file (path);
  CHECK (text != NULL);
  char *o = text;
  int dropped = 0;
  for (char *p = text; *p;)
    if (!strncmp (p, " off=0x", 7))
      {
	p += 7;
	while (*p && *p != ' ' && *p != '\n')
	  p++;
	dropped++;
      }
    else
      *o++ = *p++;
  *o = 0;
  CHECK (dropped);
  dp_write_file (path, text, strlen (text));
  free (text);
}

#define EDIT_PROFILE(path) drop_offsets (path)
#include "profile-warm.c"

/* { dg-output "warm ok" } */
/* { dg-final { scan-stats {^site [^\n]* func=call_site kind=\w+ state=promoted [^\n]* hits=1000 misses=0 [^\n]*promotions=1 } } } */
/* { dg-final { scan-stderr-not {warning} } } */
