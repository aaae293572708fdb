/* Purpose: every environment setting, good and bad, on a child process
   each: bad values of DYNPROMOTE, DYNPROMOTE_SAMPLE_PERIOD,
   DYNPROMOTE_TRUST_PREDICTOR, DYNPROMOTE_RECHECK_MS, DYNPROMOTE_GDB_JIT
   and DYNPROMOTE_PERF_MAP (switches: 1, on, yes, true, 0, off, no,
   false, in any case) print exactly one
   "dynpromote: warning:" line naming the variable and nothing else;
   good values print nothing; in every case the child's
   rewritten calls compute the right results and it exits 0.  */
/* { dg-do run } */

#include <sys/wait.h>
#include "dp-test.h"

typedef long (*fn) (long);
NOIPA long dbl (long x) { return 2 * x; }

NOIPA static int
child_work (void)
{
  for (long i = 0; i < 20000; i++)
    if (HIDE (dbl) (i) != 2 * i)
      return 3;
  return 0;
}

struct setting
{
  const char *var, *value;
  int bad;
};

static const struct setting settings[] = {
  { "DYNPROMOTE", "on", 0 },
  { "DYNPROMOTE", "off", 0 },
  { "DYNPROMOTE", "1", 0 },
  { "DYNPROMOTE", "0", 0 },
  { "DYNPROMOTE", "yes please", 1 },
  { "DYNPROMOTE", "2", 1 },
  { "DYNPROMOTE", "offf", 1 },
  { "DYNPROMOTE_SAMPLE_PERIOD", "1", 0 },
  { "DYNPROMOTE_SAMPLE_PERIOD", "1000000", 0 },
  { "DYNPROMOTE_SAMPLE_PERIOD", "64", 0 },
  { "DYNPROMOTE_SAMPLE_PERIOD", "0", 1 },
  { "DYNPROMOTE_SAMPLE_PERIOD", "1000001", 1 },
  { "DYNPROMOTE_SAMPLE_PERIOD", "-5", 1 },
  { "DYNPROMOTE_SAMPLE_PERIOD", "abc", 1 },
  { "DYNPROMOTE_SAMPLE_PERIOD", "12x", 1 },
  { "DYNPROMOTE_SAMPLE_PERIOD", "99999999999999999999", 1 },
  { "DYNPROMOTE_TRUST_PREDICTOR", "0", 0 },
  { "DYNPROMOTE_TRUST_PREDICTOR", "1", 0 },
  { "DYNPROMOTE_TRUST_PREDICTOR", "2", 1 },
  { "DYNPROMOTE_TRUST_PREDICTOR", "yes", 0 },
  { "DYNPROMOTE_TRUST_PREDICTOR", "FALSE", 0 },
  { "DYNPROMOTE_TRUST_PREDICTOR", "yess", 1 },
  { "DYNPROMOTE_RECHECK_MS", "0", 0 },
  { "DYNPROMOTE_RECHECK_MS", "600000", 0 },
  { "DYNPROMOTE_RECHECK_MS", "600001", 1 },
  { "DYNPROMOTE_RECHECK_MS", "-1", 1 },
  { "DYNPROMOTE_RECHECK_MS", "soon", 1 },
  { "DYNPROMOTE_GDB_JIT", "0", 0 },
  { "DYNPROMOTE_GDB_JIT", "1", 0 },
  { "DYNPROMOTE_GDB_JIT", "2", 1 },
  { "DYNPROMOTE_GDB_JIT", "on", 0 },
  { "DYNPROMOTE_GDB_JIT", "Off", 0 },
  { "DYNPROMOTE_GDB_JIT", "o", 1 },
  { "DYNPROMOTE_PERF_MAP", "0", 0 },
  { "DYNPROMOTE_PERF_MAP", "01", 1 },
  { "DYNPROMOTE_PERF_MAP", " 1", 1 },
  { "DYNPROMOTE_PERF_MAP", "", 1 },
};

int
main (int argc, char **argv)
{
  if (argc > 1)
    return child_work ();

  for (size_t k = 0; k < sizeof settings / sizeof settings[0]; k++)
    {
      const struct setting *s = &settings[k];
      char errpath[4096], statspath[4096];
      snprintf (errpath, sizeof errpath, "%s/child-%zu.err", dp_test_dir (), k);
      snprintf (statspath, sizeof statspath, "%s/child-%zu.stats",
		dp_test_dir (), k);
      pid_t pid = fork ();
      CHECK (pid >= 0);
      if (pid == 0)
	{
	  CHECK (freopen (errpath, "w", stderr) != NULL);
	  unsetenv ("DYNPROMOTE");
	  unsetenv ("DYNPROMOTE_SAMPLE_PERIOD");
	  setenv ("DYNPROMOTE_STATS", statspath, 1);
	  setenv (s->var, s->value, 1);
	  execl ("/proc/self/exe", argv[0], "child", (char *) NULL);
	  _exit (127);
	}
      int status;
      CHECK (waitpid (pid, &status, 0) == pid);
      if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
	{
	  fprintf (stderr, "%s=%s: child failed (status %#x)\n", s->var,
		   s->value, status);
	  abort ();
	}
      char *err = dp_read_file (errpath);
      CHECK (err != NULL);
      int lines = dp_stats_count (err, "\n");
      if (s->bad)
	{
	  char want[256];
	  snprintf (want, sizeof want, "%s=", s->var);
	  if (lines != 1 || strncmp (err, "dynpromote: warning: ", 21) != 0
	      || !strstr (err, want))
	    {
	      fprintf (stderr, "%s=%s: expected one warning, got:\n%s",
		       s->var, s->value, err);
	      abort ();
	    }
	}
      else if (*err)
	{
	  fprintf (stderr, "%s=%s: expected silence, got:\n%s", s->var,
		   s->value, err);
	  abort ();
	}
      free (err);
      char *stats = dp_read_file (statspath);
      CHECK (stats != NULL);
      CHECK (dp_stats_site (stats, "child_work", 0) != NULL);
      free (stats);
    }
  puts ("all settings ok");
  return 0;
}

/* { dg-output "all settings ok" } */
