/* Purpose: perf-map.c with DYNPROMOTE_PERF_MAP=yes, which is not 0 or
   1: one warning line naming the variable, the default (off) kept, so
   no /tmp/perf-PID.map, and the site promoted all the same.  */
/* { dg-do run } */
/* Promotion is the precondition here; without retpolines a
   monomorphic or uniform site would be left to the predictor.  */
/* { dg-set-env DYNPROMOTE_TRUST_PREDICTOR 0 } */
/* { dg-set-env DYNPROMOTE_LEARN_PERIOD 1 } */
/* { dg-set-env DYNPROMOTE_DECIDE_SAMPLES 16 } */
/* { dg-set-env DYNPROMOTE_SAMPLE_PERIOD 1000000 } */
/* { dg-set-env DYNPROMOTE_PERF_MAP yes } */

#include "perf-map.c"

/* { dg-final { scan-stdout {^map absent$} } } */
/* { dg-final { scan-stderr {^dynpromote: warning: DYNPROMOTE_PERF_MAP=yes is not 0 or 1; using 0$} } } */
/* { dg-final { scan-stderr-times {^.+$} 1 } } */
