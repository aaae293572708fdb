/* Purpose: dynpromote_off takes no arguments: giving it one is an error.  */
/* { dg-do compile } */

int (*hook) (int) __attribute__ ((dynpromote_off (1)));	/* { dg-error "wrong number of arguments|takes no arguments" } */
/* { dg-message "expected between 0 and 0, found 1" "" { target *-*-* } 4 } */
