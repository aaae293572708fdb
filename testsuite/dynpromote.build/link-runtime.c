/* Purpose: link-no-runtime.c's twin: the same program linked with the
   runtime links, and nothing in the link output refers to the
   link-check symbol (it is defined by the runtime).  */
/* { dg-do run } */

#include "link-no-runtime.c"

/* { dg-final { scan-link-output-not {dynpromote: compiled with the plugin} } } */
/* { dg-final { scan-stats {^site [^\n]* func=main } } } */
