/* Purpose: a switch takes the words a user means, in any case:
   DYNPROMOTE_PERF_MAP=YES turns the perf map on like 1 (perf-map.c),
   with no warning, and DYNPROMOTE_TRUST_PREDICTOR=Off turns the check
   off like 0 (the monomorphic site is promoted, so the map has a
   trampoline line).  Twin: perf-map-bad.c, a word that is not one.  */
/* { dg-do run } */
/* { dg-set-env DYNPROMOTE_TRUST_PREDICTOR Off } */
/* { dg-set-env DYNPROMOTE_LEARN_PERIOD 1 } */
/* { dg-set-env DYNPROMOTE_DECIDE_SAMPLES 16 } */
/* { dg-set-env DYNPROMOTE_SAMPLE_PERIOD 1000000 } */
/* { dg-set-env DYNPROMOTE_PERF_MAP YES } */

#include "perf-map.c"

/* { dg-final { scan-stdout {^map found$} } } */
/* { dg-final { scan-stdout {^[0-9]+: lines=[0-9]+ trampoline=1 stub=1$} } } */
/* { dg-final { scan-stderr-not {.} } } */
