/* Purpose: predicted.c with DYNPROMOTE_TRUST_PREDICTOR=0: the runtime
   promotes both sites, as it would under retpolines.  */
/* { dg-do run } */
/* { dg-set-env DYNPROMOTE_LEARN_PERIOD 1 } */
/* { dg-set-env DYNPROMOTE_DECIDE_SAMPLES 200 } */
/* { dg-set-env DYNPROMOTE_TRUST_PREDICTOR 0 } */

#include "predicted.c"

/* { dg-output "predicted ok" } */
/* { dg-final { scan-stats {^promoter [^\n]* predicted=0 } } } */
/* { dg-final { scan-stats {^site [^\n]* func=eight [^\n]*state=promoted } } } */
/* { dg-final { scan-stats {^site [^\n]* func=two [^\n]*state=promoted } } } */
/* { dg-final { scan-stats {^site [^\n]* func=mono [^\n]*state=promoted } } } */
