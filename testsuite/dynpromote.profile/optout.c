/* Purpose: a call the user opted out (a dynpromote_off pointer type) or
   in an excluded function is not promoted from the profile either: the
   profile names both call_site's and call_two's locations.  Twin:
   basic.c.  */
/* { dg-do compile } */
/* { dg-options "-O2 -fcf-protection=none -fplugin-arg-dynpromote-exclude=call_two -fplugin-arg-dynpromote-profile=@SRCDIR@/cprof.stats" } */

#include <dynpromote.h>

#define fn fn_off
typedef long (*fn_off) (long) DYNPROMOTE_OFF;
#include "cprof.h"

int main (void) { drive (10); return 0; }

/* { dg-final { scan-tree-dump-not {profile: call } } } */
/* { dg-final { scan-assembler-not {leaq\s+(?:hot|first|second)\(%rip\), %(\w+)\n(?:[^\n]*\n){0,3}\s*cmpq\s+%\1, } } } */
