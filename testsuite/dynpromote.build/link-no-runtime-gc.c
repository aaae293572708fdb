/* Purpose: link-no-runtime.c with --gc-sections and one section per
   function: the link-check reference is in a retained section, so the
   linker's first line still names the fix (without "R" the section would
   be collected and the first line would be an "in function" line).  */
/* { dg-do link } */
/* { dg-runtime none } */
/* { dg-link-fails {: undefined reference to .dynpromote: compiled with the plugin, link with the runtime \(-specs=dynpromote\.specs or \$\(pkg-config --libs dynpromote\)\).$} } */
/* { dg-options "-ffunction-sections -fdata-sections -Wl,--gc-sections" } */

#include "link-no-runtime.c"
