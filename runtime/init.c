/* init.c - settings from the environment, and the public API.

   DYNPROMOTE=on|off|1|0        switch the runtime off: no sampling at all
   DYNPROMOTE_STATS=FILE|stderr write the statistics dump at exit (%p in
                                FILE becomes the process id)
   DYNPROMOTE_SAMPLE_PERIOD=N   mean number of calls between two samples
                                of a site (1..1000000, default 1000)

   A bad value gets a one-line warning naming the variable, and the
   default is kept.  */

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "dp-runtime.h"
#include "dynpromote.h"

volatile int dp_enabled = 1;
volatile uint32_t dp_sample_period = DP_DEFAULT_SAMPLE_PERIOD;

void
dp_warn (const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  fputs ("dynpromote: warning: ", stderr);
  vfprintf (stderr, fmt, ap);
  fputc ('\n', stderr);
  va_end (ap);
}

static void
dp_read_enabled (void)
{
  const char *value = getenv ("DYNPROMOTE");
  if (!value)
    return;
  if (!strcmp (value, "off") || !strcmp (value, "0"))
    dp_enabled = 0;
  else if (strcmp (value, "on") && strcmp (value, "1"))
    dp_warn ("DYNPROMOTE=%s is not one of on, off, 1, 0; keeping it on",
	     value);
}

static void
dp_read_sample_period (void)
{
  const char *value = getenv ("DYNPROMOTE_SAMPLE_PERIOD");
  if (!value)
    return;
  char *end;
  errno = 0;
  unsigned long period = strtoul (value, &end, 10);
  if (errno || end == value || *end || value[0] == '-' || period < 1
      || period > DP_MAX_SAMPLE_PERIOD)
    {
      dp_warn ("DYNPROMOTE_SAMPLE_PERIOD=%s is not a number from 1 to %d;"
	       " using %d", value, DP_MAX_SAMPLE_PERIOD,
	       DP_DEFAULT_SAMPLE_PERIOD);
      return;
    }
  dp_sample_period = (uint32_t) period;
}

static void
dp_write_stats_at_exit (void)
{
  static int written;
  if (__atomic_exchange_n (&written, 1, __ATOMIC_ACQ_REL))
    return;
  dp_stats_write (dp_stats_path);
  dp_registry_set_exiting ();
}

/* Arrange for the dump to be written at exit.  Called from this runtime's
   constructor and again when the main program registers its sites.  The
   dump must come before the objects' destructors unregister them, but
   glibc registers the dynamic linker's exit work (which runs those
   destructors) after shared-library constructors and before the main
   program's: only a handler registered from the main program's
   constructor runs first.  The handler writes once, whichever runs.  */
void
dp_arm_exit_dump (void)
{
  if (dp_stats_path)
    atexit (dp_write_stats_at_exit);
}

static void
dp_read_stats_path (void)
{
  const char *value = getenv ("DYNPROMOTE_STATS");
  if (!value)
    return;
  if (!*value)
    {
      dp_warn ("DYNPROMOTE_STATS is empty; no statistics will be written");
      return;
    }
  dp_stats_path = value;
  dp_arm_exit_dump ();
}

/* Priority 101: before the application's own prioritised constructors
   when linked statically; a shared libdynpromote runs before the objects
   that depend on it anyway.  */
__attribute__ ((constructor (101))) static void
dp_init (void)
{
  dp_read_enabled ();
  dp_read_sample_period ();
  dp_read_stats_path ();
  if (!dp_enabled)
    dp_registry_quiet_all ();
}

int
dynpromote_enabled (void)
{
  return dp_enabled;
}

int
dynpromote_dump_stats (const char *path)
{
  if (!path)
    {
      errno = EINVAL;
      return -1;
    }
  return dp_stats_write (path);
}
