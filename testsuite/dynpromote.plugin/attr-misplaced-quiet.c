/* Purpose: the misplaced-attribute diagnostic is a real -Wattributes
   warning: -Wno-attributes silences it.  */
/* { dg-do compile } */
/* { dg-options "-Wno-attributes" } */

#include <dynpromote.h>

int counter DYNPROMOTE_OFF;
