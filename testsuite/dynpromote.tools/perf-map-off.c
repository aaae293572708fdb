/* Purpose: perf-map.c without DYNPROMOTE_PERF_MAP (off by default): the
   site is promoted all the same, and no /tmp/perf-PID.map is
   written.  */
/* { dg-do run } */
/* Promotion is the precondition here; without retpolines a
   monomorphic or uniform site would be left to the predictor.  */
/* { dg-set-env DYNPROMOTE_TRUST_PREDICTOR 0 } */
/* { dg-set-env DYNPROMOTE_LEARN_PERIOD 1 } */
/* { dg-set-env DYNPROMOTE_DECIDE_SAMPLES 16 } */
/* { dg-set-env DYNPROMOTE_SAMPLE_PERIOD 1000000 } */

#include "perf-map.c"

/* { dg-final { scan-stdout {^map absent$} } } */
/* { dg-final { scan-stdout {^[0-9]+: no map$} } } */
/* { dg-final { scan-stderr-not {.} } } */
