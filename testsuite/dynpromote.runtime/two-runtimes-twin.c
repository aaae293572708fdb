/* Purpose: two-runtimes.c's twin: the same program with the shared
   runtime only.  One runtime serves both objects: the shared object's
   sites are in the dump, no "runtime" line, no warning.  */
/* { dg-do run } */
/* { dg-dso dplib dlopen-lib.c } */
/* { dg-set-env DYNPROMOTE_STATS stdout } */
/* { dg-set-env DYNPROMOTE_TRUST_PREDICTOR 0 } */

#include "two-runtimes.c"

/* { dg-output "ok\r?\n# dynpromote-stats v1\r?\n" } */
/* { dg-final { scan-stdout-times {^# dynpromote-stats v1$} 1 } } */
/* { dg-final { scan-stdout-not {^runtime } } } */
/* { dg-final { scan-stdout {^site [^\n]* func=lib_apply kind=call } } } */
/* { dg-final { scan-stderr-not {two runtimes} } } */
