/* settings.c - the bottom of the runtime: the settings every file reads,
   the promoter's counters every file adds to, and dp_warn.

   Owns: the DYNPROMOTE_* settings (read once, from the constructor, by
   dp_settings_read), whether the runtime samples and promotes at all
   (dp_enabled, dp_promotion), the promoter's counters
   (dp_promoter_stats), and the one-line warning.

   May not: call any other file of the runtime; every file may call it.

   Every variable is documented in README.md.  A bad value gets a one-line
   warning naming the variable, and the default is kept.  Every setting
   is copied here: programs rewrite their environment strings in place
   (setproctitle) and call setenv, so nothing may keep a pointer getenv
   returned.  */

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "dp-runtime.h"

volatile int dp_enabled = 1;
int dp_learn_only;
volatile int dp_promotion;
volatile uint32_t dp_sample_period = DP_DEFAULT_SAMPLE_PERIOD;
volatile uint32_t dp_learn_period = DP_DEFAULT_LEARN_PERIOD;
volatile uint32_t dp_decide_samples = DP_DEFAULT_DECIDE_SAMPLES;
volatile uint32_t dp_relearn_percent = 30;
volatile uint32_t dp_relearn_window = 64;
volatile uint32_t dp_max_repatch = 16;
/* 0: by build, DP_SLOTS behind a retpoline (a chain of compares, even
   mispredicted, costs less than the thunk; Lua's luaD_precall has eight
   equally hot C functions), DP_DEFAULT_MAX_TARGETS elsewhere (the branch
   predictor does well on what a longer chain would add).  */
volatile uint32_t dp_max_targets = 0;
volatile uint32_t dp_coverage_percent = 90;
volatile uint32_t dp_megamorphic_percent = 50;
volatile uint32_t dp_trust_predictor = 1;
volatile uint32_t dp_repatch_interval_ms = 10;
volatile uint32_t dp_recheck_ms = 100;
volatile uint32_t dp_probe_signal_setting;
volatile uint32_t dp_gdb_jit = 1;
volatile uint32_t dp_perf_map;
const char *dp_stats_path;

struct dp_promoter_stats dp_promoter_stats;

/* One line on standard error, written with one write(2): a promoter
   pass may run in a signal handler that interrupted stdio.  */
void
dp_warn (const char *fmt, ...)
{
  char line[512];
  static const char prefix[] = "dynpromote: warning: ";
  memcpy (line, prefix, sizeof prefix - 1);
  va_list ap;
  va_start (ap, fmt);
  int n = vsnprintf (line + sizeof prefix - 1,
		     sizeof line - sizeof prefix - 1, fmt, ap);
  va_end (ap);
  size_t len = sizeof prefix - 1;
  if (n > 0)
    len += (size_t) n < sizeof line - sizeof prefix - 1
	   ? (size_t) n : sizeof line - sizeof prefix - 2;
  line[len++] = '\n';
  if (write (2, line, len) < 0)
    return;
}

static void
dp_read_enabled (void)
{
  const char *value = getenv ("DYNPROMOTE");
  if (!value)
    return;
  /* Any case: DYNPROMOTE=OFF means off.  */
  if (!strcasecmp (value, "off") || !strcmp (value, "0"))
    dp_enabled = 0;
  else if (!strcasecmp (value, "learn"))
    dp_learn_only = 1;
  else if (strcasecmp (value, "on") && strcmp (value, "1"))
    dp_warn ("DYNPROMOTE=%s is not one of on, off, learn, 1, 0; keeping it"
	     " on", value);
}

/* Read NAME as a whole number in [LO, HI] into *VALUE; keep *VALUE and
   warn if it is anything else.  */
static void
dp_read_number (const char *name, unsigned long lo, unsigned long hi,
		volatile uint32_t *value)
{
  const char *text = getenv (name);
  if (!text)
    return;
  char *end;
  errno = 0;
  unsigned long n = strtoul (text, &end, 10);
  if (errno || end == text || *end || text[0] == '-' || n < lo || n > hi)
    {
      dp_warn ("%s=%s is not a number from %lu to %lu; using %u", name, text,
	       lo, hi, (unsigned) *value);
      return;
    }
  *value = (uint32_t) n;
}

/* Read NAME, a switch, into *VALUE: 1, on, yes, true or 0, off, no,
   false, in any case; keep *VALUE and warn if it is anything else.  */
static void
dp_read_flag (const char *name, volatile uint32_t *value)
{
  static const char *const words[2][4] = {
    { "0", "off", "no", "false" }, { "1", "on", "yes", "true" }
  };
  const char *text = getenv (name);
  if (!text)
    return;
  for (int v = 0; v < 2; v++)
    for (int i = 0; i < 4; i++)
      if (!strcasecmp (text, words[v][i]))
	{
	  *value = (uint32_t) v;
	  return;
	}
  dp_warn ("%s=%s is not 1, on, yes, true or 0, off, no, false; using %u",
	   name, text, (unsigned) *value);
}

static void
dp_read_numbers (void)
{
  dp_read_number ("DYNPROMOTE_SAMPLE_PERIOD", 1, DP_MAX_SAMPLE_PERIOD,
		  &dp_sample_period);
  dp_read_number ("DYNPROMOTE_LEARN_PERIOD", 1, DP_MAX_SAMPLE_PERIOD,
		  &dp_learn_period);
  dp_read_number ("DYNPROMOTE_DECIDE_SAMPLES", 1, 100000, &dp_decide_samples);
  dp_read_number ("DYNPROMOTE_MAX_TARGETS", 1, DP_SLOTS, &dp_max_targets);
  dp_read_number ("DYNPROMOTE_COVERAGE", 50, 100, &dp_coverage_percent);
  dp_read_flag ("DYNPROMOTE_TRUST_PREDICTOR", &dp_trust_predictor);
  dp_read_number ("DYNPROMOTE_RELEARN_PERCENT", 1, 100, &dp_relearn_percent);
  dp_read_number ("DYNPROMOTE_RELEARN_WINDOW", 8, 60000, &dp_relearn_window);
  dp_read_number ("DYNPROMOTE_MAX_REPATCH", 0, 60000, &dp_max_repatch);
  dp_read_number ("DYNPROMOTE_REPATCH_INTERVAL_MS", 0, 60000,
		  &dp_repatch_interval_ms);
  dp_read_number ("DYNPROMOTE_RECHECK_MS", 0, 600000, &dp_recheck_ms);
  dp_read_flag ("DYNPROMOTE_GDB_JIT", &dp_gdb_jit);
  dp_read_flag ("DYNPROMOTE_PERF_MAP", &dp_perf_map);
  /* SIGURG by default: ignored by default, so a probe still pending
     at execve cannot hurt the new program, and gdb passes it without
     stopping.  */
  dp_probe_signal_setting = SIGURG;
  dp_read_number ("DYNPROMOTE_PROBE_SIGNAL", 0, (unsigned long) SIGRTMAX,
		  &dp_probe_signal_setting);
  if (dp_probe_signal_setting && dp_probe_signal_setting != SIGURG
      && (dp_probe_signal_setting < (uint32_t) SIGRTMIN))
    {
      dp_warn ("DYNPROMOTE_PROBE_SIGNAL=%u is not %d (SIGURG), a real-time"
	       " signal (%d to %d) or 0; using %d",
	       (unsigned) dp_probe_signal_setting, SIGURG, SIGRTMIN, SIGRTMAX,
	       SIGURG);
      dp_probe_signal_setting = SIGURG;
    }
}

/* A copy: the program may overwrite the string getenv returned.  */
static char dp_stats_path_copy[PATH_MAX];

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
  if (strlen (value) >= sizeof dp_stats_path_copy)
    {
      dp_warn ("DYNPROMOTE_STATS is longer than %d bytes; no statistics"
	       " will be written", PATH_MAX - 1);
      return;
    }
  strcpy (dp_stats_path_copy, value);
  dp_stats_path = dp_stats_path_copy;
}

/* DYNPROMOTE_PROFILE: a dump of an earlier run to start from
   (profile.c).  */
const char *dp_profile_path;
static char dp_profile_path_copy[PATH_MAX];

static void
dp_read_profile_path (void)
{
  const char *value = getenv ("DYNPROMOTE_PROFILE");
  if (!value)
    return;
  if (!*value || strlen (value) >= sizeof dp_profile_path_copy)
    {
      dp_warn ("DYNPROMOTE_PROFILE is %s; no profile is read",
	       *value ? "too long" : "empty");
      return;
    }
  strcpy (dp_profile_path_copy, value);
  dp_profile_path = dp_profile_path_copy;
}

/* Read every setting from the environment (the runtime's constructor).  */
void
dp_settings_read (void)
{
  dp_read_enabled ();
  dp_read_profile_path ();
  dp_read_numbers ();
  dp_read_stats_path ();
}
