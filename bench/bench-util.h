/* bench-util.h - what every benchmark in bench/ times and sorts with.  */

#ifndef BENCH_UTIL_H
#define BENCH_UTIL_H

#include <time.h>

/* Seconds on the monotonic clock.  */
static inline double
now (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* qsort comparator for doubles, ascending.  */
static inline int
by_value (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

#endif /* BENCH_UTIL_H */
