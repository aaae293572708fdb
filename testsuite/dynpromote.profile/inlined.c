/* Purpose: a call the profile saw only inlined into other functions
   (another directory's build, clone suffix) takes those copies added
   up: hot 800 of 1000 samples, cold 200 (20%, under plain builds' 50%).  */
/* { dg-do compile } */
/* { dg-options "-O2 -fcf-protection=none -fplugin-arg-dynpromote-profile=@SRCDIR@/inlined.stats" } */

#include "cprof.h"

int main (void) { drive (10); return 0; }

/* { dg-final { scan-tree-dump {at cprof-site\.c:1003:10 in call_site \(inlined copies added up, 1000 samples\): promoted hot \(80\.0%\)\n} } } */
