/* measure.c - run one program and append its wall-clock time, CPU time
   and peak memory to a file (bench/real/run builds and uses it).

     DP_MEASURE_EXEC=BINARY DP_MEASURE_OUT=FILE measure ARGS...

   runs BINARY with ARGS (argv[0] is BINARY; both variables are removed
   from its environment, so it sees what an unmeasured run sees) and
   appends one line to FILE:

     WALL USER SYS MAXRSS

   seconds (microsecond resolution) from fork to wait4, the child's user
   and system CPU time and its ru_maxrss in KiB, all from the one wait4.
   Exits with the child's status (128 + signal if it was killed).

   Why not bash's time keyword or GNU time: the first cannot give the
   child's peak RSS, the second prints times in hundredths of a second,
   too coarse for workloads of a tenth of a second; and both would also
   count a wrapper shell.  bench/real/run passes this program as the
   "binary" to the P_run functions of programs.sh, which then need no
   change.  */

#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double
seconds (struct timeval tv)
{
  return tv.tv_sec + tv.tv_usec / 1e6;
}

int
main (int argc, char **argv)
{
  const char *e = getenv ("DP_MEASURE_EXEC");
  const char *o = getenv ("DP_MEASURE_OUT");
  if (!e || !o || argc < 1)
    {
      fputs ("measure: set DP_MEASURE_EXEC and DP_MEASURE_OUT\n", stderr);
      return 127;
    }
  char *bin = strdup (e), *out = strdup (o);
  if (!bin || !out)
    return 127;
  unsetenv ("DP_MEASURE_EXEC");
  unsetenv ("DP_MEASURE_OUT");
  argv[0] = bin;

  struct timespec t0, t1;
  clock_gettime (CLOCK_MONOTONIC, &t0);
  pid_t pid = fork ();
  if (pid < 0)
    {
      perror ("measure: fork");
      return 127;
    }
  if (pid == 0)
    {
      execv (bin, argv);
      fprintf (stderr, "measure: %s: %s\n", bin, strerror (errno));
      _exit (127);
    }
  int status;
  struct rusage ru;
  while (wait4 (pid, &status, 0, &ru) < 0)
    if (errno != EINTR)
      {
	perror ("measure: wait4");
	return 127;
      }
  clock_gettime (CLOCK_MONOTONIC, &t1);

  FILE *f = fopen (out, "a");
  if (!f)
    {
      fprintf (stderr, "measure: %s: %s\n", out, strerror (errno));
      return 127;
    }
  fprintf (f, "%.6f %.6f %.6f %ld\n",
	   (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9,
	   seconds (ru.ru_utime), seconds (ru.ru_stime), ru.ru_maxrss);
  if (fclose (f) != 0)
    return 127;
  if (WIFSIGNALED (status))
    return 128 + WTERMSIG (status);
  return WEXITSTATUS (status);
}
