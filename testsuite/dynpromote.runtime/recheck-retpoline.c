/* Purpose: recheck.c under retpolines: the megamorphic site's entry
   jumps to the stub's protected indirect jump (entry+13), and after the
   recheck to the site's trampoline.  (No site
   is predicted under retpolines: predicted.c.)  */
/* { dg-do run } */
/* { dg-options "-mindirect-branch=thunk -fno-jump-tables" } */
/* { dg-set-env DYNPROMOTE_LEARN_PERIOD 1 } */
/* Four targets, as without retpolines (eight, their default, would
   cover two thirds of the twelve and promote): the megamorphic path is
   what this test is about.  */
/* { dg-set-env DYNPROMOTE_MAX_TARGETS 4 } */
/* { dg-set-env DYNPROMOTE_SAMPLE_PERIOD 10 } */
/* { dg-set-env DYNPROMOTE_DECIDE_SAMPLES 100 } */
/* { dg-set-env DYNPROMOTE_RECHECK_MS 20 } */
/* Four targets a trampoline, as without retpolines: behind retpolines
   the default is eight, which cover 8/12 of spread's uniform targets,
   so it would be promoted, never megamorphic.  */
/* { dg-set-env DYNPROMOTE_MAX_TARGETS 4 } */

#define EXPECT_RETPOLINE 1
#include "recheck.c"

/* { dg-output "recheck ok" } */
/* { dg-final { scan-stats {^promoter [^\n]* rechecks=[1-9]} } } */
/* { dg-final { scan-stats {^shared family=rk sites=2 state=promoted } } } */
