/* Purpose: dlopen-no-runtime.c's twin: the same shared object linked
   with the runtime loads in both binding modes.  */
/* { dg-do run } */
/* { dg-runtime none } */
/* { dg-dso dplib dlopen-lib.c } */

#include "dlopen-no-runtime.c"

/* { dg-output "loaded\r?\nloaded" } */
