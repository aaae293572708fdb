/* Purpose: static_call_update refuses, at compile time, a function whose
   type is not the key's (and an integer that is not NULL).  */
/* { dg-do compile } */
/* The error is reported where the macro is used, not in the header.  */
/* { dg-options "-ftrack-macro-expansion=0" } */

#include <dynpromote/static_call.h>

long add1 (long x) { return x + 1; }
int other (int x) { return x; }

DEFINE_STATIC_CALL (op, add1);

void
set (void)
{
  static_call_update (op, add1);
  static_call_update (op, (void *) 0);
  static_call_update (op, other);	/* { dg-error "does not have the type of static call op" } */
  static_call_update (op, 1);		/* { dg-error "does not have the type of static call op" } */
}
