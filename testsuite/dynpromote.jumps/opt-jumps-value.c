/* Purpose: jumps and no-jumps are flags: a value is an error naming
   the option (like opt-disable-value.c; opt-jumps.c and opt-no-jumps.c
   take them without one).  */
/* { dg-do compile } */
/* { dg-options "-fplugin-arg-dynpromote-jumps=1 -fplugin-arg-dynpromote-no-jumps=x" } */

#include "dispatch.h"

/* { dg-error "error: dynpromote: option .jumps. takes no value" "" { target *-*-* } 0 } */
/* { dg-error "error: dynpromote: option .no-jumps. takes no value" "" { target *-*-* } 0 } */
