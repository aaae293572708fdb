/* Purpose: the promotion engine under load.  8 threads call through
   1024 rewritten sites whose hot targets move every 50 ms (a phase), so
   sites are promoted, miss, learn again and are re-promoted thousands of
   times; every call checks it reached the function it asked for.  During
   the storm the main thread forks (the child must keep working,
   promotion included), a loader thread dlopens and dlcloses a
   plugin-built shared object with its own promoted sites, and a watcher
   thread reads /proc/self/maps looking for any mapping that is writable
   and executable.  Pass: zero wrong calls, zero W+X mappings, every child
   clean, and the promoter really worked (promotions and relearns in the
   thousands).  The runtime stays invisible meanwhile: each child ends by
   exec'ing /bin/true (a signal of the runtime's still pending would
   kill the new program), and after the storm no descriptor below 64 is
   open but the program's own.  DP_STRESS_SECONDS sets the length (default 20).
   A crash prints a report and leaves a core (dp-crash.h), for a failure
   seen only in CI.
   DYNPROMOTE_TRUST_PREDICTOR=0 keeps the sites in the churn of
   promotions (with 16 samples, many would look predicted); megamorphic
   sites (the storm's own call of sites[s], with 1024 targets, is one)
   take the plain path and learn again at their rechecks during the
   storm.  */
/* { dg-do run } */
/* { dg-options "-pthread" } */
/* { dg-dso dpstress stress-lib.c } */
/* { dg-set-env DYNPROMOTE_LEARN_PERIOD 2 } */
/* { dg-set-env DYNPROMOTE_DECIDE_SAMPLES 16 } */
/* { dg-set-env DYNPROMOTE_SAMPLE_PERIOD 8 } */
/* { dg-set-env DYNPROMOTE_RELEARN_WINDOW 16 } */
/* { dg-set-env DYNPROMOTE_REPATCH_INTERVAL_MS 0 } */
/* { dg-set-env DYNPROMOTE_MAX_REPATCH 60000 } */
/* { dg-set-env DYNPROMOTE_TRUST_PREDICTOR 0 } */
/* { dg-run-timeout 400 } */

#define _GNU_SOURCE		/* dp-crash.h: REG_RIP, process_vm_readv */
#include "dp-crash.h"
#include <dirent.h>
#include <dlfcn.h>
#include <fcntl.h>
#include <stdint.h>
#include <pthread.h>
#include <sys/wait.h>
#include <time.h>
#include "dp-test.h"

#define NSITES 1024
#define NTARGETS 16
#define NWORKERS 8

typedef long (*fn) (long);

#define TARGET(k) NOIPA static long t##k (long x) { return x * 1000003 + k; }
TARGET (0) TARGET (1) TARGET (2) TARGET (3) TARGET (4) TARGET (5)
TARGET (6) TARGET (7) TARGET (8) TARGET (9) TARGET (10) TARGET (11)
TARGET (12) TARGET (13) TARGET (14) TARGET (15)
static fn const targets[NTARGETS] = { t0, t1, t2, t3, t4, t5, t6, t7, t8,
				      t9, t10, t11, t12, t13, t14, t15 };

/* Site n calls f and folds n in, so no two site functions are alike.  */
#define SITE(n) NOIPA static long s##n (fn f, long x) { return f (x) ^ n; }
#define SITE4(n) SITE (n##0) SITE (n##1) SITE (n##2) SITE (n##3)
#define SITE16(n) SITE4 (n##0) SITE4 (n##1) SITE4 (n##2) SITE4 (n##3)
#define SITE64(n) SITE16 (n##0) SITE16 (n##1) SITE16 (n##2) SITE16 (n##3)
#define SITE256(n) SITE64 (n##0) SITE64 (n##1) SITE64 (n##2) SITE64 (n##3)
SITE256 (10) SITE256 (11) SITE256 (12) SITE256 (13)

#define REF(n) s##n,
#define REF4(n) REF (n##0) REF (n##1) REF (n##2) REF (n##3)
#define REF16(n) REF4 (n##0) REF4 (n##1) REF4 (n##2) REF4 (n##3)
#define REF64(n) REF16 (n##0) REF16 (n##1) REF16 (n##2) REF16 (n##3)
#define REF256(n) REF64 (n##0) REF64 (n##1) REF64 (n##2) REF64 (n##3)
static long (*const sites[NSITES]) (fn, long)
  = { REF256 (10) REF256 (11) REF256 (12) REF256 (13) };

/* The number a site folds in: its digits are base-4 digits after "1".  */
static long
site_number (int s)
{
  long n = 1;
  for (int d = 4; d >= 0; d--)
    n = n * 10 + ((s >> (2 * d)) & 3);
  return n;
}

static long site_numbers[NSITES];

/* Called only by forked children.  */
NOIPA static long child_site (fn f, long x) { return f (x); }
static volatile int phase;
static volatile int stop;
static unsigned long long inherited_fds;
static long wrong_calls, calls_made, wx_seen, lib_loads, lib_wrong;

/* N checked calls through random sites, two hot targets per site and
   phase.  Returns the number of wrong results.  */
static long
storm (long n, unsigned seed)
{
  long wrong = 0;
  for (long i = 0; i < n && !stop; i++)
    {
      seed = seed * 1103515245u + 12345u;
      int s = (int) ((seed >> 6) % NSITES);
      int k = (s + phase * 5 + ((seed >> 20) & 1) * 7) % NTARGETS;
      long x = (long) seed;
      long got = sites[s] (HIDE (targets[k]), x);
      if (got != ((x * 1000003 + k) ^ site_numbers[s]))
	wrong++;
    }
  return wrong;
}

static void *
worker (void *arg)
{
  unsigned seed = (unsigned) (uintptr_t) arg * 2654435761u + 1;
  while (!stop)
    {
      long w = storm (20000, seed);
      seed += 7919;
      __atomic_add_fetch (&wrong_calls, w, __ATOMIC_RELAXED);
      __atomic_add_fetch (&calls_made, 20000, __ATOMIC_RELAXED);
    }
  return NULL;
}

/* Any mapping both writable and executable is a failure.  */
static void *
watcher (void *arg)
{
  (void) arg;
  while (!stop)
    {
      FILE *f = fopen ("/proc/self/maps", "r");
      char line[512];
      while (f && fgets (line, sizeof line, f))
	{
	  char perms[8] = "";
	  if (sscanf (line, "%*x-%*x %7s", perms) == 1
	      && strchr (perms, 'w') && strchr (perms, 'x'))
	    {
	      fprintf (stderr, "W+X mapping: %s", line);
	      __atomic_add_fetch (&wx_seen, 1, __ATOMIC_RELAXED);
	    }
	}
      if (f)
	fclose (f);
      usleep (20000);
    }
  return NULL;
}

static void *
loader (void *arg)
{
  (void) arg;
  const char *path = getenv ("DP_DSO_dpstress");
  CHECK (path != NULL);
  while (!stop)
    {
      void *h = dlopen (path, RTLD_NOW | RTLD_LOCAL);
      CHECK (h != NULL);
      long (*lib_storm) (long, unsigned)
	= (long (*) (long, unsigned)) dlsym (h, "lib_storm");
      CHECK (lib_storm != NULL);
      lib_wrong += lib_storm (50000, (unsigned) lib_loads);
      lib_loads++;
      CHECK (dlclose (h) == 0);
    }
  return NULL;
}

static long
promoter_count (const char *stats, const char *key)
{
  const char *line = strstr (stats, "\npromoter ");
  return line ? dp_stats_num (line + 1, key) : -1;
}

int
main (void)
{
  dp_report_crashes ();
  for (int fd = 0; fd < 64; fd++)
    if (fcntl (fd, F_GETFD) != -1)
      inherited_fds |= 1ull << fd;
  const char *secs_env = getenv ("DP_STRESS_SECONDS");
  int seconds = secs_env ? atoi (secs_env) : 20;
  for (int s = 0; s < NSITES; s++)
    site_numbers[s] = site_number (s);

  pthread_t threads[NWORKERS + 2];
  for (long i = 0; i < NWORKERS; i++)
    CHECK (pthread_create (&threads[i], NULL, worker, (void *) i) == 0);
  CHECK (pthread_create (&threads[NWORKERS], NULL, watcher, NULL) == 0);
  CHECK (pthread_create (&threads[NWORKERS + 1], NULL, loader, NULL) == 0);

  int children = 0;
  for (int tick = 0; tick < seconds * 20; tick++)
    {
      usleep (50000);
      phase++;
      if (tick % 20 == 10)
	{
	  pid_t pid = fork ();
	  CHECK (pid >= 0);
	  if (pid == 0)
	    {
	      /* The child is single-threaded: its own storm, checked, and
		 long enough for its own promoter to act.  Only
		 async-signal-safe queries here (the child of a threaded
		 fork may find the dynamic linker's lists mid-update, so no
		 statistics dump, which symbolises).  */
	      struct dynpromote_counters before, after;
	      dynpromote_get_counters (&before);
	      long w = 0;
	      for (int p = 0; p < 4; p++, phase++)
		w += storm (200000, 12345u + (unsigned) p);
	      /* The storm's sites may all have settled as megamorphic by
		 now; a site only the child calls shows that its own
		 promoter works (bounded: 5 s).  */
	      int promoted = 0;
	      for (int round = 0; round < 500 && !promoted; round++)
		{
		  for (long i = 0; i < 1000; i++)
		    if (child_site (HIDE (targets[3]), i) != i * 1000003 + 3)
		      w++;
		  dynpromote_get_counters (&after);
		  promoted = after.promotions > before.promotions;
		  if (!promoted)
		    usleep (10000);
		}
	      if (w)
		{
		  static const char msg[] = "child: wrong calls\n";
		  if (write (2, msg, sizeof msg - 1) < 0)
		    _exit (3);
		}
	      else if (!promoted)
		{
		  static const char msg[] = "child: no promotion\n";
		  if (write (2, msg, sizeof msg - 1) < 0)
		    _exit (3);
		}
	      if (w || !promoted)
		_exit (w ? 1 : 4);
	      execl ("/bin/true", "true", (char *) NULL);
	      _exit (5);
	    }
	  int status;
	  CHECK (waitpid (pid, &status, 0) == pid);
	  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
	    fprintf (stderr, "child %d: %s %d\n", (int) pid,
		     WIFSIGNALED (status) ? "killed by signal" : "exit status",
		     WIFSIGNALED (status) ? WTERMSIG (status)
					  : WEXITSTATUS (status));
	  CHECK (WIFEXITED (status) && WEXITSTATUS (status) == 0);
	  children++;
	}
    }
  stop = 1;
  for (int i = 0; i < NWORKERS + 2; i++)
    pthread_join (threads[i], NULL);

  /* The runtime's descriptors, if any, are kept far above the
     program's: below 64 there is nothing the program did not have at
     start (what it inherited) but the listing's own.  */
  DIR *fds = opendir ("/proc/self/fd");
  CHECK (fds != NULL);
  struct dirent *d;
  while ((d = readdir (fds)))
    {
      int fd = atoi (d->d_name);
      if (d->d_name[0] == '.' || fd == dirfd (fds) || fd >= 64
	  || (inherited_fds & (1ull << fd)))
	continue;
      char link[256] = "";
      char proc[64];
      snprintf (proc, sizeof proc, "/proc/self/fd/%d", fd);
      if (readlink (proc, link, sizeof link - 1) < 0)
	link[0] = 0;
      fprintf (stderr, "descriptor %d (%s) is not the program's\n", fd, link);
      CHECK (0);
    }
  closedir (fds);

  char *stats = dp_stats_now ();
  CHECK (stats != NULL);
  long promotions = promoter_count (stats, "promotions");
  long relearns = promoter_count (stats, "relearns");
  long reclaimed = promoter_count (stats, "reclaimed");
  long megamorphic = promoter_count (stats, "megamorphic");
  long rechecks = promoter_count (stats, "rechecks");
  printf ("calls=%ld wrong=%ld wx=%ld children=%d lib_loads=%ld"
	  " lib_wrong=%ld promotions=%ld relearns=%ld reclaimed=%ld"
	  " megamorphic=%ld rechecks=%ld\n",
	  calls_made, wrong_calls, wx_seen, children, lib_loads, lib_wrong,
	  promotions, relearns, reclaimed, megamorphic, rechecks);
  CHECK (wrong_calls == 0 && lib_wrong == 0);
  CHECK (wx_seen == 0);
  CHECK (children >= seconds - 1);
  CHECK (lib_loads > 0);
  CHECK (promotions >= 1000 && relearns >= 1000);
  CHECK (reclaimed > 0);
  CHECK (megamorphic > 0 && rechecks > 0);
  puts ("stress ok");
  return 0;
}
