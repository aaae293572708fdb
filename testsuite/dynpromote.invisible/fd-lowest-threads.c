/* Purpose: fd-lowest.c with a second program thread making rewritten
   calls (its own phases) all the while: whatever the runtime does in
   either thread, it takes no descriptor number the program could be
   given (fd 0 is the lowest free one whenever the main thread opens;
   its file stays at fd 0 once put there).  */
/* { dg-do run } */
/* { dg-set-env DYNPROMOTE_LEARN_PERIOD 1 } */
/* { dg-set-env DYNPROMOTE_DECIDE_SAMPLES 4 } */
/* { dg-set-env DYNPROMOTE_SAMPLE_PERIOD 1 } */
/* { dg-set-env DYNPROMOTE_MAX_TARGETS 1 } */
/* { dg-set-env DYNPROMOTE_TRUST_PREDICTOR 0 } */
/* { dg-set-env DYNPROMOTE_RELEARN_WINDOW 8 } */
/* { dg-set-env DYNPROMOTE_REPATCH_INTERVAL_MS 0 } */
/* { dg-set-env DYNPROMOTE_MAX_REPATCH 60000 } */
/* { dg-set-env DYNPROMOTE_RECHECK_MS 1 } */
/* { dg-run-timeout 60 } */

#define INV_THREADS 1
#include "fd-lowest.c"

/* { dg-output "1000 rounds ok" } */
/* { dg-final { scan-stats {^promoter promotions=[1-9][0-9]* relearns=[1-9]} } } */
