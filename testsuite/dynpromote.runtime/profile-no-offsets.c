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

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Every " off=0x..." field goes.  */
static void
drop_offsets (const char *path)
{
  FILE *f = fopen (path, "r");
  if (!f)
    abort ();
  static char text[1 << 20], out[1 << 20];
  size_t len = fread (text, 1, sizeof text - 1, f);
  fclose (f);
  text[len] = 0;
  char *o = out;
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
  if (!dropped)
    abort ();
  f = fopen (path, "w");
  fputs (out, f);
  fclose (f);
}

#define EDIT_PROFILE(path) drop_offsets (path)
#include "profile-warm.c"

/* { dg-output "warm ok" } */
/* { dg-final { scan-stats {^site [^\n]* func=call_site kind=\w+ state=promoted [^\n]* hits=1000 misses=0 [^\n]*promotions=1 } } } */
/* { dg-final { scan-stderr-not {warning} } } */
