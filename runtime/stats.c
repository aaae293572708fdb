/* stats.c - the per-site statistics dump (DYNPROMOTE_STATS).

   Format version 1: text, one record a line, key=value fields whose values
   never contain spaces (every byte up to and including space, backslash
   and DEL is written \xHH).  Within v1, new keys and new record names may
   be added: readers ignore what they do not know.

     # dynpromote-stats v1
     process pid=P exe=PATH status=enabled|learn-only|disabled
     promoter promotions=N relearns=N megamorphic=N predicted=N
              rechecks=N patches=N grace_periods=N grace_avg_us=N
              reclaimed=N passes=N pass_avg_us=N
              write_maps=N
     runtime path=PATH role=plain copies=N objects=N
     object path=PATH abi=N sites=N state=loaded|unloaded|refused
	    [build_id=HEX]
     shared family=NAME sites=N state=S calls=N samples=N hits=N
            misses=N miss_rate=P% promotions=N repatches=N
            unreachable=N via_plt=N trampoline=0xA
            route=direct|stub|none
       target ...   other ...   (as below)
     site id=N file=F line=N col=N func=NAME kind=call|sibcall|jump
          state=S calls=N samples=N hits=N misses=N miss_rate=P%
          promotions=N repatches=N unreachable=N via_plt=N call=0xA
          entry=0xA trampoline=0xA route=direct|stub|none [shared=NAME]
       target addr=0xA sym=NAME promoted=0|1 samples=N share=P%
	      [off=0xA]
       other samples=N share=P%

   (records are one line each; folded here.)  S is idle (never sampled),
   learning, promoted, megamorphic, predicted (left to the branch
   predictor: see dp_model_verdict in policy.c), unreachable (hot
   targets out of rel32 reach), nomem (no executable memory near it) or off; a
   megamorphic or predicted site learns again later (a recheck: see
   promote.c).  unreachable counts the hot targets the last decision
   left on the indirect path (out of rel32 reach, and no way through the
   site's object's own PLT), via_plt those of its trampoline reached
   through that PLT (a target in another object: plt.c).  repatches
   counts the times a site learned again, after a promotion (relearns)
   or a verdict (rechecks).  calls is an
   estimate from the sampling spans, plus the inline guard's hits, which
   are counted, not sampled.  A promoted target's samples are the
   learning samples its promotion was decided on plus its sampled hits
   since (the guard's hits count as if sampled at the sample period); a
   target left on the indirect path counts its learning samples plus its
   sampled misses; shares are of all of a site's counted samples and add
   up to 100%.  hits and misses on the site line count only since the
   last promotion.  route says how the runtime last redirected the site:
   direct (the inline guard's hit goes straight to the hottest target,
   through the stub's hit patch point), stub (the stub's entry was
   pointed at the trampoline or the indirect jump) or none (never
   redirected).
   A shared record (dynpromote_shared families, after their object
   line, before its sites) is the one learning state that its sites=N
   member sites share, with its targets; each member's site line says
   shared=NAME, shows the family's state and counters (there are no
   per-member ones) and has no target lines of its own.
   Objects are listed in registration order; objects unloaded by dlclose
   keep the block they had when they went.

   Owns: the dump's format, the text blocks of objects that are gone,
   the stats lock, and the dump at exit (dp_arm_exit_dump).

   May not: change a site's state or call the promoter (a dump the
   program asks for runs a pass first: api.c).  */

#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dp-runtime.h"


/* Text blocks of objects that are gone (unloaded, or refused).  An
   object's destructor retires it both at dlclose and at exit (when the
   dump runs after the objects' destructors: a program without sites of
   its own), so the block remembers where the object was loaded, and the
   dump says "loaded" for one the dynamic linker still has there.  */
struct dp_retired
{
  struct dp_retired *next;
  char *text;
  const void *addr;        /* its first record, or NULL.  */
  const void *base;        /* its load address then.  */
  char *path;              /* its file then.  */
};

static pthread_mutex_t dp_retired_mutex = PTHREAD_MUTEX_INITIALIZER;

/* Serialises dumps and snapshots: the symbol cache is shared.  */
static pthread_mutex_t dp_stats_mutex = PTHREAD_MUTEX_INITIALIZER;

void
dp_stats_lock (void)
{
  pthread_mutex_lock (&dp_stats_mutex);
}

void
dp_stats_unlock (void)
{
  pthread_mutex_unlock (&dp_stats_mutex);
}
static struct dp_retired *dp_retired_head, **dp_retired_tail
  = &dp_retired_head;

static void
dp_put_value (FILE *f, const char *s)
{
  for (; *s; s++)
    {
      unsigned char c = (unsigned char) *s;
      if (c <= ' ' || c == '\\' || c == 0x7f)
	fprintf (f, "\\x%02x", c);
      else
	fputc (*s, f);
    }
}

/* The guard's hit counter counts calls only once the call goes direct:
   until then its hits take the entry and are sampled too (guard.c,
   dp_guard_arm).  */
static uint64_t
dp_guard_hits (const struct dp_site_state *st)
{
  return st->direct == DP_DIRECT_ON ? st->direct_hits : 0;
}

static uint64_t
dp_estimated_calls (const struct dp_site_state *st)
{
  uint64_t calls = st->calls + dp_guard_hits (st);
  int64_t since = (int64_t) st->span - 1 - (int64_t) st->countdown;
  if (st->total_samples && since > 0 && st->countdown != INT32_MAX)
    calls += (uint64_t) since;
  return calls;
}

static const char *
dp_site_state_name (const struct dp_site_state *st)
{
  if (!dp_enabled)
    return "off";
  switch (st->status)
    {
    case DP_STATUS_PROMOTED:
      return "promoted";
    case DP_STATUS_MEGAMORPHIC:
      return "megamorphic";
    case DP_STATUS_UNREACHABLE:
      return "unreachable";
    case DP_STATUS_NOMEM:
      return "nomem";
    case DP_STATUS_PREDICTED:
      return "predicted";
    default:
      return st->total_samples ? "learning" : "idle";
    }
}

/* The family name of shared record REC, stored after its state by the
   plugin, copied into BUF (escaped later by dp_put_value).  */
static const char *
dp_family_name (const struct dp_site_record *rec, char *buf)
{
  const char *name = (const char *) dp_state_of (rec) + DP_STATE_SIZE;
  size_t n = 0;
  while (n < DP_SHARED_NAME_MAX - 1 && name[n])
    n++;
  memcpy (buf, name, n);
  buf[n] = 0;
  return n ? buf : "?";
}

/* The inline guard's hits (calls, never sampled) in samples, as if
   they had been sampled like the trampoline's.  */
static uint64_t
dp_direct_samples (const struct dp_site_state *st)
{
  return dp_guard_hits (st) / (dp_sample_period ? dp_sample_period : 1);
}

/* The counters common to site and shared lines, from " state=" to
   " via_plt=N".  */
static void
dp_write_counters (FILE *f, const struct dp_site_state *st)
{
  int promoted = st->status == DP_STATUS_PROMOTED;
  int ntargets = promoted ? st->ntargets : 0;
  uint64_t hits = ntargets ? dp_direct_samples (st) : 0;
  for (int i = 0; i < ntargets; i++)
    hits += st->slot[i].samples;
  uint64_t misses = promoted ? st->misses : 0;
  uint64_t judged = hits + misses;
  fprintf (f, " state=%s calls=%" PRIu64 " samples=%" PRIu64
	   " hits=%" PRIu64 " misses=%" PRIu64 " miss_rate=%.1f%%"
	   " promotions=%u repatches=%u unreachable=%u via_plt=%u",
	   dp_site_state_name (st), dp_estimated_calls (st),
	   st->total_samples, hits, misses,
	   judged ? 100.0 * (double) misses / (double) judged : 0.0,
	   (unsigned) st->promotions, (unsigned) st->repatches,
	   (unsigned) st->unreachable, (unsigned) st->via_plt);
}

static const char *
dp_route_name (const struct dp_site_state *st)
{
  return st->direct == DP_DIRECT_ON ? "direct"
	 : st->routed ? "stub" : "none";
}

static void dp_write_targets (FILE *f, const struct dp_site_state *st,
			      const struct dp_site_record *rec);

/* REC's kind as the dump names it (profile.c matches on it too).  */
const char *
dp_site_kind_name (const struct dp_site_record *rec)
{
  return rec->kind == DP_KIND_JUMP ? "jump"
	 : rec->kind == DP_KIND_SIBCALL ? "sibcall" : "call";
}

static void
dp_write_site (FILE *f, unsigned id, const struct dp_site_record *rec)
{
  const struct dp_site_state *st = dp_state_of (rec);
  int promoted = st->status == DP_STATUS_PROMOTED;

  fprintf (f, "site id=%u file=", id);
  const struct dp_site_loc *loc = DP_SITE_LOC (rec);
  dp_put_value (f, (const char *) DP_REL (loc, file_rel));
  fprintf (f, " line=%u col=%u func=", (unsigned) rec->line,
	   (unsigned) rec->column);
  dp_put_value (f, (const char *) DP_REL (loc, func_rel));
  fprintf (f, " kind=%s", dp_site_kind_name (rec));
  dp_write_counters (f, st);
  fprintf (f, " call=0x%" PRIxPTR " entry=0x%" PRIxPTR " trampoline=0x%"
	   PRIx64 " route=%s",
	   (rec->flags & DP_FLAG_CALL_KNOWN)
	   ? (uintptr_t) DP_REL (rec, call_rel) : (uintptr_t) 0,
	   (uintptr_t) DP_REL (rec, entry_rel), promoted ? st->trampoline : 0,
	   dp_route_name (st));
  if (rec->flags & DP_FLAG_SHARED)
    {
      /* The family's targets are listed once, on its shared record.  */
      char name[DP_SHARED_NAME_MAX];
      fputs (" shared=", f);
      dp_put_value (f, dp_family_name (rec, name));
      fputc ('\n', f);
      return;
    }
  fputc ('\n', f);
  dp_write_targets (f, st, rec);
}

/* The shared record of REC's family (REC is its first member in
   [BEGIN, END)), and its targets.  */
static void
dp_write_shared (FILE *f, const struct dp_site_record *rec,
		 const struct dp_site_record *end)
{
  const struct dp_site_state *st = dp_state_of (rec);
  unsigned members = 0;
  for (const struct dp_site_record *m = rec; m < end; m++)
    members += (m->flags & DP_FLAG_SHARED) && dp_state_of (m) == st;
  char name[DP_SHARED_NAME_MAX];
  fputs ("shared family=", f);
  dp_put_value (f, dp_family_name (rec, name));
  fprintf (f, " sites=%u", members);
  dp_write_counters (f, st);
  fprintf (f, " trampoline=0x%" PRIx64 " route=%s\n",
	   st->status == DP_STATUS_PROMOTED ? st->trampoline : 0,
	   dp_route_name (st));
  dp_write_targets (f, st, rec);
}

/* The target and other lines of state ST, of site (or family member)
   REC.  A target inside REC's own object also gets off=, its offset in
   that object: a warm start of the same build (same build-id) finds it
   there without reading the object's symbol table.  */
static void
dp_write_targets (FILE *f, const struct dp_site_state *st,
		  const struct dp_site_record *rec)
{
  int promoted = st->status == DP_STATUS_PROMOTED;
  int ntargets = promoted ? st->ntargets : 0;
  char sym[512];

  /* Promoted targets first, in trampoline order; then the others,
     busiest first.  */
  int order[DP_SLOTS];
  int n = 0;
  for (int i = 0; i < DP_SLOTS; i++)
    if (st->slot[i].target)
      order[n++] = i;
  for (int i = 1; i < n; i++)
    for (int j = i; j > 0 && order[j] >= ntargets
	 && (order[j - 1] >= ntargets
	     && st->slot[order[j]].samples > st->slot[order[j - 1]].samples);
	 j--)
      {
	int t = order[j];
	order[j] = order[j - 1];
	order[j - 1] = t;
      }

  /* A target's samples: while learning, this round's; once promoted,
     what the decision learned plus the sampled hits since, and for a
     target left on the indirect path its learning samples plus its
     sampled misses.  Every sample is in exactly one slot or in "other",
     so the shares add up to 100%.  */
  uint64_t counts[DP_SLOTS];
  uint64_t total_count = st->other;
  for (int i = 0; i < n; i++)
    {
      int s = order[i];
      counts[i] = st->slot[s].samples + (s < ntargets ? st->learned[s] : 0)
		  + (s == 0 && ntargets ? dp_direct_samples (st) : 0);
      total_count += counts[i];
    }
  /* A learning sample racing with a promotion's slot rewrite can give a
     target a second slot; show it once.  */
  int shown = 0;
  for (int i = 0; i < n; i++)
    {
      int dup = -1;
      for (int j = 0; j < shown && dup < 0; j++)
	if (st->slot[order[j]].target == st->slot[order[i]].target)
	  dup = j;
      if (dup >= 0)
	counts[dup] += counts[i];
      else
	{
	  order[shown] = order[i];
	  counts[shown++] = counts[i];
	}
    }
  n = shown;
  double total = total_count ? (double) total_count : 1.0;
  for (int i = 0; i < n; i++)
    {
      const struct dp_target_slot *slot = &st->slot[order[i]];
      dp_symbolize ((uintptr_t) slot->target, sym, sizeof sym);
      fprintf (f, "  target addr=0x%" PRIx64 " sym=", slot->target);
      dp_put_value (f, sym);
      fprintf (f, " promoted=%d samples=%" PRIu64 " share=%.1f%%",
	       order[i] < ntargets, counts[i],
	       100.0 * (double) counts[i] / total);
      uintptr_t off;
      if (dp_object_offset (rec, (uintptr_t) slot->target, &off))
	fprintf (f, " off=0x%" PRIxPTR, off);
      fputc ('\n', f);
    }
  if (st->other)
    fprintf (f, "  other samples=%" PRIu64 " share=%.1f%%\n", st->other,
	     100.0 * (double) st->other / total);
}

/* An object's line; BUILD_ID is "" when the object has none (or NULL
   for one that never registered).  */
static void
dp_write_object_line (FILE *f, const char *path, unsigned abi, size_t sites,
		      const char *state, const char *build_id)
{
  fputs ("object path=", f);
  dp_put_value (f, path);
  fprintf (f, " abi=%u sites=%zu state=%s", abi, sites, state);
  if (build_id && build_id[0])
    fprintf (f, " build_id=%s", build_id);
  fputc ('\n', f);
}

/* The block of one object OBJ (still mapped): its header line and every
   site.  */
void
dp_stats_write_object (FILE *f, const struct dp_object *obj,
		       const char *state)
{
  const struct dp_site_record *begin = dp_object_begin (obj);
  const struct dp_site_record *end = dp_object_end (obj);
  char path[PATH_MAX];
  /* 2 hex digits a byte; GNU ld's build-ids are 20 bytes, at most 64.  */
  char build_id[129];
  dp_object_path (begin, path, sizeof path);
  dp_object_build_id (obj, build_id, sizeof build_id);
  dp_write_object_line (f, path, DYNPROMOTE_ABI_VERSION,
			(size_t) (end - begin), state, build_id);
  /* Each shared family once, in the order of its first member.  */
  for (const struct dp_site_record *rec = begin; rec < end; rec++)
    if (rec->flags & DP_FLAG_SHARED)
      {
	const struct dp_site_record *m = begin;
	while (m < rec && !((m->flags & DP_FLAG_SHARED)
			    && dp_state_of (m) == dp_state_of (rec)))
	  m++;
	if (m == rec)
	  dp_write_shared (f, rec, end);
      }
  unsigned id = 0;
  for (const struct dp_site_record *rec = begin; rec < end; rec++, id++)
    dp_write_site (f, id, rec);
}

static void
dp_retire_text (char *text, const void *addr)
{
  struct dp_retired *r = malloc (sizeof *r);
  if (!r)
    {
      free (text);
      return;
    }
  r->next = NULL;
  r->text = text;
  r->addr = NULL;
  r->base = NULL;
  r->path = NULL;
  Dl_info info;
  if (addr && dladdr (addr, &info) && info.dli_fbase && info.dli_fname
      && (r->path = strdup (info.dli_fname)))
    {
      r->addr = addr;
      r->base = info.dli_fbase;
    }
  pthread_mutex_lock (&dp_retired_mutex);
  *dp_retired_tail = r;
  dp_retired_tail = &r->next;
  pthread_mutex_unlock (&dp_retired_mutex);
}

/* A block of text for the list of objects that are gone: write it to
   the stream from dp_retired_open, then hand it to dp_retired_close.  */
struct dp_retired_text
{
  char *text;
  size_t size;
};

static FILE *
dp_retired_open (struct dp_retired_text *t)
{
  t->text = NULL;
  t->size = 0;
  return open_memstream (&t->text, &t->size);
}

static void
dp_retired_close (FILE *f, struct dp_retired_text *t, const void *addr)
{
  if (fclose (f) == 0)
    dp_retire_text (t->text, addr);
  else
    free (t->text);
}

/* An object is being unloaded: keep its block as text.  */
void
dp_stats_retire_object (const struct dp_object *obj)
{
  struct dp_retired_text t;
  FILE *f = dp_retired_open (&t);
  if (!f)
    return;
  dp_stats_lock ();
  dp_stats_write_object (f, obj, "unloaded");
  dp_symbolize_flush ();
  dp_stats_unlock ();
  dp_retired_close (f, &t, dp_object_begin (obj));
}

void
dp_stats_note_refused (const char *path, unsigned abi)
{
  struct dp_retired_text t;
  FILE *f = dp_retired_open (&t);
  if (!f)
    return;
  dp_write_object_line (f, path, abi, 0, "refused", NULL);
  dp_retired_close (f, &t, NULL);
}

static void
dp_write_live_object (struct dp_object *obj, void *data)
{
  dp_stats_write_object (data, obj, "loaded");
}

/* The first records of the objects registered now, for
   dp_write_retired (collected before the retired list is locked).  */
struct dp_live
{
  const void **begin;
  int n, cap;
};

static void
dp_collect_live (struct dp_object *obj, void *data)
{
  struct dp_live *live = data;
  if (live->n < live->cap)
    live->begin[live->n++] = dp_object_begin (obj);
}

/* A retired block, as "loaded" if its object is still where it was and
   is the same file (retired by its destructor at exit, not by dlclose),
   and has not registered again since (dlopened anew at that place).  */
static void
dp_write_retired (FILE *f, const struct dp_retired *r,
		  const struct dp_live *live)
{
  Dl_info info;
  /* The first line's state (a build_id may follow it).  */
  const char *state = strstr (r->text, " state=unloaded");
  const char *eol = strchr (r->text, '\n');
  if (state && (!eol || state > eol
		|| (state[15] != ' ' && state[15] != '\n')))
    state = NULL;
  int again = 0;
  for (int i = 0; i < live->n && r->addr; i++)
    again |= live->begin[i] == r->addr;
  if (!r->addr || !state || again || !dladdr (r->addr, &info)
      || info.dli_fbase != r->base || !info.dli_fname
      || strcmp (info.dli_fname, r->path))
    {
      fputs (r->text, f);
      return;
    }
  fwrite (r->text, 1, (size_t) (state - r->text), f);
  fputs (" state=loaded", f);
  fputs (state + strlen (" state=unloaded"), f);
}

static void
dp_write_all (FILE *f)
{
  char exe[PATH_MAX];
  ssize_t len = readlink ("/proc/self/exe", exe, sizeof exe - 1);
  exe[len > 0 ? len : 0] = '\0';

  fputs ("# dynpromote-stats v1\n", f);
  fprintf (f, "process pid=%ld exe=", (long) getpid ());
  dp_put_value (f, len > 0 ? exe : "?");
  fprintf (f, " status=%s\n", !dp_enabled ? "disabled"
			      : dp_promotion ? "enabled" : "learn-only");
  const struct dp_promoter_stats *ps = &dp_promoter_stats;
  fprintf (f, "promoter promotions=%" PRIu64 " relearns=%" PRIu64
	   " megamorphic=%" PRIu64 " predicted=%" PRIu64 " rechecks=%" PRIu64
	   " patches=%" PRIu64 " grace_periods=%" PRIu64 " grace_avg_us=%"
	   PRIu64 " reclaimed=%" PRIu64 " passes=%" PRIu64 " pass_avg_us=%"
	   PRIu64 " write_maps=%" PRIu64 "\n",
	   ps->promotions, ps->relearns, ps->megamorphic, ps->predicted,
	   ps->rechecks, ps->patches,
	   ps->grace_periods,
	   ps->grace_periods ? ps->grace_ns / ps->grace_periods / 1000 : 0,
	   ps->reclaimed, ps->passes,
	   ps->passes ? ps->pass_ns / ps->passes / 1000 : 0, ps->write_maps);
  char other[256];
  uint32_t other_objects;
  uint32_t others = dp_peer_plain_others (other, sizeof other,
					  &other_objects);
  if (others)
    {
      fputs ("runtime path=", f);
      dp_put_value (f, other);
      fprintf (f, " role=plain copies=%u objects=%u\n", others,
	       other_objects);
    }

  struct dp_live live = { NULL, 0, 0 };
  live.begin = malloc (256 * sizeof *live.begin);
  live.cap = live.begin ? 256 : 0;
  dp_registry_lock ();
  dp_registry_each (dp_collect_live, &live);
  dp_registry_unlock ();
  pthread_mutex_lock (&dp_retired_mutex);
  for (struct dp_retired *r = dp_retired_head; r; r = r->next)
    dp_write_retired (f, r, &live);
  pthread_mutex_unlock (&dp_retired_mutex);
  free (live.begin);
  /* (dp_retired_mutex is only ever held for a list operation, never
     around anything that could block: safe across fork.)  */

  dp_registry_lock ();
  dp_registry_each (dp_write_live_object, f);
  dp_registry_unlock ();
  dp_symbolize_flush ();
}

/* Expand %p in PATTERN to the process id.  */
static void
dp_expand_path (const char *pattern, char *buf, size_t size)
{
  size_t used = 0;
  for (const char *p = pattern; *p && used + 1 < size; p++)
    {
      if (p[0] == '%' && p[1] == 'p')
	{
	  used += snprintf (buf + used, size - used, "%ld", (long) getpid ());
	  p++;
	}
      else
	buf[used++] = *p;
    }
  buf[used < size ? used : size - 1] = '\0';
}

/* Write the whole dump to PATH ("stderr" or "stdout" for standard error
   or output).  A path that cannot be written is reported with a warning
   naming DYNPROMOTE_STATS if FROM_ENV, else only through errno (the
   API).  */
int
dp_stats_write (const char *path, int from_env)
{
  FILE *std = !strcmp (path, "stderr") ? stderr
	      : !strcmp (path, "stdout") ? stdout : NULL;
  if (std)
    {
      dp_stats_lock ();
      dp_write_all (std);
      dp_stats_unlock ();
      fflush (std);
      return 0;
    }

  char file[PATH_MAX];
  dp_expand_path (path, file, sizeof file);
  /* A regular file (or a new one) is written beside it and renamed over
     it, so that processes writing the same file at once (a profile,
     issue 17) leave one whole dump, never a mix; anything else (a
     device, a pipe, a symbolic link) is written in place.  */
  char tmp[PATH_MAX + 32];
  struct stat st;
  int replace = lstat (file, &st) != 0 ? errno == ENOENT : S_ISREG (st.st_mode);
  if (replace
      && (size_t) snprintf (tmp, sizeof tmp, "%s.tmp.%ld", file,
			    (long) getpid ()) >= sizeof tmp)
    replace = 0;
  FILE *f = fopen (replace ? tmp : file, "w");
  int failed = !f;
  if (f)
    {
      dp_stats_lock ();
      dp_write_all (f);
      dp_stats_unlock ();
      failed = fclose (f) != 0;
      if (replace && !failed)
	failed = rename (tmp, file) != 0;
      if (replace && failed)
	{
	  int saved = errno;
	  unlink (tmp);
	  errno = saved;
	}
    }
  if (failed)
    {
      int saved = errno;
      if (from_env)
	dp_warn ("cannot write DYNPROMOTE_STATS file '%s': %s", file,
		 strerror (saved));
      errno = saved;
      return -1;
    }
  return 0;
}

static void
dp_write_stats_at_exit (void)
{
  static int written;
  if (__atomic_exchange_n (&written, 1, __ATOMIC_ACQ_REL))
    return;
  /* Another copy of the runtime leads: its dump is the process's.  */
  if (!dp_peer_writes_dump ())
    return;
  dp_stats_write (dp_stats_path, 1);
  dp_registry_set_exiting ();
}

/* Arrange for the dump to be written at exit, if DYNPROMOTE_STATS asks
   for one.  Called from this runtime's constructor and again when the
   main program registers its sites (api.c).  The dump must come before
   the objects' destructors unregister them, but glibc registers the
   dynamic linker's exit work (which runs those destructors) after
   shared-library constructors and before the main program's: only a
   handler registered from the main program's constructor runs first.
   The handler writes once, whichever runs.  */
void
dp_arm_exit_dump (void)
{
  if (dp_stats_path)
    atexit (dp_write_stats_at_exit);
}
