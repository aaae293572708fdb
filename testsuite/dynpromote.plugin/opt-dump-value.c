/* Purpose: dump is a flag: giving it a value is an error.  */
/* { dg-do compile } */
/* { dg-options "-fplugin-arg-dynpromote-dump=yes" } */

int dummy;

/* { dg-error "error: dynpromote: option .dump. takes no value" "" { target *-*-* } 0 } */
