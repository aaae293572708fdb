/* Purpose: jump-copies and no-jump-copies are flags: a value, even an
   empty one, is an error naming the option (opt-jump-copies.c and
   opt-no-jump-copies.c take them without one).  */
/* { dg-do compile } */
/* { dg-options "-fplugin-arg-dynpromote-jump-copies=0 -fplugin-arg-dynpromote-no-jump-copies=" } */

#include "dispatch.h"

/* { dg-error "error: dynpromote: option .jump-copies. takes no value" "" { target *-*-* } 0 } */
/* { dg-error "error: dynpromote: option .no-jump-copies. takes no value" "" { target *-*-* } 0 } */
