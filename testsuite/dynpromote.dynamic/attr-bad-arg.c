/* Purpose: dynpromote_shared needs exactly one argument, a string that
   is an identifier of at most 63 characters; anything else is an
   error.  */
/* { dg-do compile } */

int (*a) (int) __attribute__ ((dynpromote_shared));	/* { dg-error "wrong number of arguments" } */
/* { dg-message "expected between 1 and 1, found 0" "" { target *-*-* } 6 } */
int (*b) (int) __attribute__ ((dynpromote_shared ("x", "y")));	/* { dg-error "wrong number of arguments" } */
/* { dg-message "expected between 1 and 1, found 2" "" { target *-*-* } 8 } */
int (*c) (int) __attribute__ ((dynpromote_shared (1)));	/* { dg-error "argument must be a string naming the family" } */
int (*d) (int) __attribute__ ((dynpromote_shared ("")));	/* { dg-error "argument must be a string naming the family" } */
int (*e) (int) __attribute__ ((dynpromote_shared ("a b")));	/* { dg-error "argument must be a string naming the family" } */
int (*f) (int) __attribute__ ((dynpromote_shared ("9lives")));	/* { dg-error "argument must be a string naming the family" } */
int (*g) (int) __attribute__ ((dynpromote_shared ("a.r")));	/* { dg-error "argument must be a string naming the family" } */
int (*h) (int) __attribute__ ((dynpromote_shared ("a234567890123456789012345678901234567890123456789012345678901234")));	/* { dg-error "argument must be a string naming the family" } */
int (*ok) (int) __attribute__ ((dynpromote_shared ("a23456789012345678901234567890123456789012345678901234567890123")));
