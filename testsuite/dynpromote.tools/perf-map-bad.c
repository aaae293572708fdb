/* Purpose: perf-map.c with DYNPROMOTE_PERF_MAP=maybe, which is not a
   switch's value: one warning line naming the variable, the default
   (off) kept, so no /tmp/perf-PID.map, and the site promoted all the
   same.  Twin: perf-map-words.c, where YES means 1.  */
/* { dg-do run } */
/* Promotion is the precondition here; without retpolines a
   monomorphic or uniform site would be left to the predictor.  */
/* { dg-set-env DYNPROMOTE_TRUST_PREDICTOR 0 } */
/* { dg-set-env DYNPROMOTE_LEARN_PERIOD 1 } */
/* { dg-set-env DYNPROMOTE_DECIDE_SAMPLES 16 } */
/* { dg-set-env DYNPROMOTE_SAMPLE_PERIOD 1000000 } */
/* { dg-set-env DYNPROMOTE_PERF_MAP maybe } */

#include "perf-map.c"

/* { dg-final { scan-stdout {^map absent$} } } */
/* { dg-final { scan-stderr {^dynpromote: warning: DYNPROMOTE_PERF_MAP=maybe is not 1, on, yes, true or 0, off, no, false; using 0$} } } */
/* { dg-final { scan-stderr-times {^.+$} 1 } } */
