/* Purpose: the runtime's settings are copied at start-up; nothing it
   does later reads the environment.  Before its first rewritten call the
   program overwrites every environment string in place (as setproctitle
   does), DYNPROMOTE_STATS=... included, then sets DYNPROMOTE_* variables
   to values that would stop all promotion (DYNPROMOTE=off, huge learn
   and sample periods, no repatching) and a dump path of its own, and
   unsets others.  The runtime must keep its start-up settings: it stays
   enabled, the site is promoted and relearnt with the fast start-up
   settings (else the hang guard of inv_run_until fails the test), and
   the dump is written at exit to the start-up path (scan-stats reads
   that path).  The program works in its test directory, so a dump
   written to a garbled path lands there too.  */
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
/* { dg-set-env DYNPROMOTE on } */

#include "inv-test.h"

extern char **environ;

int
main (void)
{
  char moved[4096];
  snprintf (moved, sizeof moved, "%s/moved-stats.txt", dp_test_dir ());
  CHECK (chdir (dp_test_dir ()) == 0);

  for (char **e = environ; *e; e++)
    memset (*e, 'x', strlen (*e));
  CHECK (getenv ("DYNPROMOTE_STATS") == NULL);

  CHECK (setenv ("DYNPROMOTE_STATS", moved, 1) == 0);
  CHECK (setenv ("DYNPROMOTE", "off", 1) == 0);
  CHECK (setenv ("DYNPROMOTE_LEARN_PERIOD", "1000000", 1) == 0);
  CHECK (setenv ("DYNPROMOTE_DECIDE_SAMPLES", "100000", 1) == 0);
  CHECK (setenv ("DYNPROMOTE_SAMPLE_PERIOD", "1000000", 1) == 0);
  CHECK (setenv ("DYNPROMOTE_RELEARN_WINDOW", "60000", 1) == 0);
  CHECK (setenv ("DYNPROMOTE_MAX_REPATCH", "0", 1) == 0);
  CHECK (setenv ("DYNPROMOTE_REPATCH_INTERVAL_MS", "60000", 1) == 0);
  CHECK (unsetenv ("DYNPROMOTE_MAX_TARGETS") == 0);
  CHECK (unsetenv ("DYNPROMOTE_TRUST_PREDICTOR") == 0);

  CHECK (dynpromote_enabled ());
  inv_run_until (1, 1);
  CHECK (dynpromote_enabled ());
  puts ("promoted and relearnt with the start-up settings");
  return 0;
}

/* { dg-output "promoted and relearnt with the start-up settings" } */
/* { dg-final { scan-stats {^promoter promotions=[1-9][0-9]* relearns=[1-9]} "dump at the start-up path" } } */
/* { dg-final { scan-stats {^process pid=[0-9]+ exe=[^\n]* status=enabled$} } } */
/* { dg-final { scan-stderr-not {dynpromote: warning} } } */
