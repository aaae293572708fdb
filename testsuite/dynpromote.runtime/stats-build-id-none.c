/* Purpose: twin of stats-build-id.c: a program linked without a
   build-id (-Wl,--build-id=none) has an object line without build_id
   (a profile matches it by path).  */
/* { dg-do run } */
/* { dg-options "-Wl,--build-id=none" } */

#define EXPECT_NONE 1
#include "stats-build-id.c"

/* { dg-output "build-id ok" } */
/* { dg-final { scan-stats-not {build_id=} } } */
