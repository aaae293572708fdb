/* Purpose: DYNPROMOTE_PERF_MAP=1 has the runtime write /tmp/perf-PID.map
   (perf's convention: "START SIZE NAME", hex without 0x) by the end of
   the pass that wrote the code: after one site's promotion, the
   program finds a line whose range holds its trampoline, named
   dynpromote.trampoline:FILE:LINE with the site's file and line, and
   one for the site's entry stub (dynpromote.stub:FUNC:FILE:LINE), whose
   page the runtime mapped over.  perf-map-off.c and perf-map-bad.c are
   the same program without the setting and with a bad value: no file.
   The program removes the file it checked.  */
/* { dg-do run } */
/* Promotion is the precondition here; without retpolines a
   monomorphic or uniform site would be left to the predictor.  */
/* { dg-set-env DYNPROMOTE_TRUST_PREDICTOR 0 } */
/* { dg-set-env DYNPROMOTE_LEARN_PERIOD 1 } */
/* { dg-set-env DYNPROMOTE_DECIDE_SAMPLES 16 } */
/* { dg-set-env DYNPROMOTE_SAMPLE_PERIOD 1000000 } */
/* { dg-set-env DYNPROMOTE_PERF_MAP 1 } */

#include "perf-map-test.h"

int
main (void)
{
  const char *line = promote_site (f0);
  CHECK (strstr (line, " state=promoted ") != NULL);
  uintptr_t t = (uintptr_t) dp_stats_num (line, "trampoline");
  uintptr_t entry = (uintptr_t) dp_stats_num (line, "entry");
  CHECK (t && entry);
  int found = map_check (getpid (), t, entry, stdout);
  char path[64];
  map_path (path, sizeof path, getpid ());
  if (found)
    CHECK (unlink (path) == 0);
  printf ("map %s\n", found ? "found" : "absent");
  return 0;
}

/* { dg-final { scan-stdout {^map found$} } } */
/* { dg-final { scan-stdout {^[0-9]+: lines=[0-9]+ trampoline=1 stub=1$} } } */
/* { dg-final { scan-stderr-not {.} } } */
