/* Purpose: twin of stub-pages.c: with DYNPROMOTE=learn nothing is
   promoted or written, and the stub pages stay the program's own
   file-backed text like the rest of it.  */
/* { dg-do run } */
/* { dg-set-env DYNPROMOTE learn } */
/* { dg-set-env DYNPROMOTE_LEARN_PERIOD 1 } */
/* { dg-set-env DYNPROMOTE_DECIDE_SAMPLES 16 } */

#include "stub-pages.c"

/* { dg-output "not promoted" } */
/* { dg-final { scan-stats-not {^site [^\n]* func=site [^\n]*state=promoted } } } */
