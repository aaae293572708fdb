/* Purpose: link-no-runtime.c built with -flto: the code, and so the
   link-check reference, is generated at link time, and the first line of
   the failed link still names the fix.  */
/* { dg-do link } */
/* { dg-runtime none } */
/* { dg-link-fails {: undefined reference to .dynpromote: compiled with the plugin, link with the runtime \(-specs=dynpromote\.specs or \$\(pkg-config --libs dynpromote\)\).$} } */
/* { dg-options "-flto" } */

#include "link-no-runtime.c"
