/* Purpose: the runtime never takes a descriptor number the program
   could be given.  A single-threaded program, while its site changes
   phase (relearns, re-promotions, whatever work the runtime does for
   them), repeatedly
   - closes fd 0, makes rewritten calls, opens /dev/null and checks it
     got fd 0 (open returns the lowest free descriptor, and 1 and 2 stay
     open); and
   - closes fd 0, makes calls, puts its own file at fd 0 with dup2, makes
     calls and checks with fstat that fd 0 is still that file (a
     descriptor of the runtime's that dup2 replaced, closed later by the
     runtime, would close the program's file under it).  */
/* { dg-do run } */
/* { dg-set-env DYNPROMOTE_LEARN_PERIOD 1 } */
/* { dg-set-env DYNPROMOTE_DECIDE_SAMPLES 4 } */
/* { dg-set-env DYNPROMOTE_SAMPLE_PERIOD 1 } */
/* { dg-set-env DYNPROMOTE_MAX_TARGETS 1 } */
/* { dg-set-env DYNPROMOTE_TRUST_PREDICTOR 0 } */
/* { dg-set-env DYNPROMOTE_RELEARN_WINDOW 8 } */
/* { dg-set-env DYNPROMOTE_REPATCH_INTERVAL_MS 0 } */
/* { dg-set-env DYNPROMOTE_MAX_REPATCH 60000 } */
/* { dg-set-env DYNPROMOTE_RECHECK_MS 1 } */
/* { dg-run-timeout 60 } */

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sys/stat.h>
#include "inv-test.h"

#ifndef INV_THREADS
# define INV_THREADS 0
#endif

#define ROUNDS 1000



int
main (void)
{
  char path[4096];
  snprintf (path, sizeof path, "%s/fd0-file", dp_test_dir ());
  int mine = open (path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  CHECK (mine >= 3);
  struct stat want;
  CHECK (fstat (mine, &want) == 0);

  inv_run_until (1, 1);
  pthread_t th;
  if (INV_THREADS)
    CHECK (pthread_create (&th, NULL, inv_caller, NULL) == 0);

  for (long round = 0; round < ROUNDS; round++)
    {
      CHECK (close (0) == 0);
      inv_clock_ms (1);
      int fd = open ("/dev/null", O_RDONLY);
      if (fd != 0)
	{
	  fprintf (stderr, "round %ld: open gave fd %d, not the lowest free"
		   " descriptor 0\n", round, fd);
	  abort ();
	}

      CHECK (close (0) == 0);
      inv_clock_ms (1);
      if (dup2 (mine, 0) != 0)
	{
	  /* EBUSY: someone else's open was just then installing fd 0.  */
	  fprintf (stderr, "round %ld: dup2 to fd 0 failed: %s\n", round,
		   strerror (errno));
	  abort ();
	}
      inv_clock_ms (1);
      struct stat got;
      if (fstat (0, &got) != 0 || got.st_dev != want.st_dev
	  || got.st_ino != want.st_ino)
	{
	  fprintf (stderr, "round %ld: fd 0 is no longer the program's file"
		   " (%s)\n", round, fstat (0, &got) ? "closed" : "another");
	  abort ();
	}
    }
  inv_stop = 1;
  if (INV_THREADS)
    CHECK (pthread_join (th, NULL) == 0);

  struct dynpromote_counters c = inv_counters ();
  printf ("%d rounds ok; promotions=%llu relearns=%llu\n", ROUNDS,
	  c.promotions, c.relearns);
  return 0;
}

/* { dg-output "1000 rounds ok" } */
/* { dg-final { scan-stats {^promoter promotions=[1-9][0-9]* relearns=[1-9]} } } */
