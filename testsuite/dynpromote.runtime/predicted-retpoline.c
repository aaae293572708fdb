/* Purpose: predicted.c with retpolines: every indirect branch is then
   a forced misprediction, so both sites are promoted and none is left
   to the branch predictor.  */
/* { dg-do run } */
/* { dg-options "-mindirect-branch=thunk -fno-jump-tables" } */
/* { dg-set-env DYNPROMOTE_LEARN_PERIOD 1 } */
/* { dg-set-env DYNPROMOTE_DECIDE_SAMPLES 200 } */

#include "predicted.c"

/* { dg-output "predicted ok" } */
/* { dg-final { scan-stats {^promoter [^\n]* predicted=0 } } } */
/* { dg-final { scan-stats {^site [^\n]* func=eight [^\n]*state=promoted } } } */
/* { dg-final { scan-stats {^site [^\n]* func=two [^\n]*state=promoted } } } */
/* { dg-final { scan-stats {^site [^\n]* func=mono [^\n]*state=promoted } } } */
