/* profile.c - warm start: the sites a profile names are promoted as
   their object registers, before their first call.

   A profile is a dump an earlier run wrote (DYNPROMOTE_STATS), or several
   that dynpromote-stats --merge added up; DYNPROMOTE_PROFILE names it.
   It is read once, by the runtime's constructor.  An object matches its
   profile block by build-id (by path when neither has one); a block of
   the same path with another build-id is a rebuilt object's, ignored
   with one warning.  A site matches by its record's index (id), and its
   kind, function, line and column must agree.  Targets are found again
   never by address (addresses change from run to run): in the same
   build (build-id) by their offset in the site's object (off=), else by
   name (symbolize.c, which reads the object's symbol table: 2 ms for
   xmllint's).  Each matched site gets the targets and their samples in its
   learning slots, as if it had learned them, and is decided at once
   (promoter.c), by the usual policy.  A wrong or stale entry cannot
   send a call elsewhere: a trampoline jumps to a target only when the
   program's own target equals it (docs/patching.md, "Profiles across
   runs").

   Owns: the profile read from the file.

   May not: be called but by api.c; change a site that is not learning.  */

#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dp-runtime.h"
#include "dynpromote/dump-fields.h"

struct dp_profile_target
{
  char *sym;
  uint64_t samples;
  uintptr_t off;		/* in the site's object, if HAS_OFF */
  int has_off;
};

struct dp_profile_site
{
  uint64_t id, line, col;
  char *kind, *func;
  uint64_t other;		/* samples of targets beyond its slots */
  int ntargets;
  struct dp_profile_target targets[DP_SLOTS];
};

struct dp_profile_object
{
  char *path, *build_id;	/* build_id "" when the dump had none */
  struct dp_profile_site *sites;
  size_t nsites, cap;
  int warned;
  int has_offsets;		/* some target has off= (a runtime that
				   writes it made the profile) */
};

static struct dp_profile_object *dp_profile;
static size_t dp_profile_objects;

/* The value of KEY in the fields of LINE (a copy, decoded), or NULL.  */
static char *
dp_field (const char *line, const char *key)
{
  size_t len;
  const char *v = dp_dump_field_raw (line, key, &len);
  if (!v)
    return NULL;
  char *copy = malloc (len + 1);
  if (copy)
    dp_dump_decode (v, len, copy);
  return copy;
}

/* Add the site of site line LINE to OBJ, in *SITE (NULL for a family's
   member, whose family learns); false if the line is malformed.  */
static int
dp_profile_site_line (struct dp_profile_object *obj, const char *line,
		      struct dp_profile_site **site)
{
  *site = NULL;
  size_t len;
  if (dp_dump_field_raw (line, "shared", &len))
    return 1;
  if (obj->nsites == obj->cap)
    {
      size_t cap = obj->cap ? 2 * obj->cap : 16;
      struct dp_profile_site *grown = realloc (obj->sites, cap * sizeof *grown);
      if (!grown)
	return 0;
      obj->sites = grown;
      obj->cap = cap;
    }
  struct dp_profile_site *s = &obj->sites[obj->nsites++];
  memset (s, 0, sizeof *s);
  int ok = 1;
  s->id = dp_dump_field_u64 (line, "id", &ok);
  s->line = dp_dump_field_u64 (line, "line", &ok);
  s->col = dp_dump_field_u64 (line, "col", &ok);
  s->kind = dp_field (line, "kind");
  s->func = dp_field (line, "func");
  if (!ok || !s->kind || !s->func)
    return 0;
  *site = s;
  return 1;
}

/* Read the profile at PATH; false (and nothing kept) if it is not a
   dump, with *LINENO the line at fault.  A site line is kept as text
   until a target line follows it: most sites of a dump have none, and
   parsing every one cost a short program more than its run (libxml2's
   xmllint: 2803 sites, 90 with targets); a site line nothing follows is
   checked only at the end of the file (a dump cut short).  */
static int
dp_profile_parse (FILE *f, unsigned long *lineno)
{
  static char line[8192], pending[8192];
  unsigned long pending_lineno = 0;
  struct dp_profile_object *obj = NULL;
  struct dp_profile_site *site = NULL;
  *lineno = 0;
  pending[0] = '\0';
  while (fgets (line, sizeof line, f))
    {
      ++*lineno;
      if (!strchr (line, '\n') && !feof (f))
	return 0;		/* A line longer than any the runtime writes.  */
      if (*lineno == 1 && strncmp (line, "# dynpromote-stats v1", 21))
	return 0;
      int ok = 1;
      if (!strncmp (line, "object ", 7))
	{
	  struct dp_profile_object *grown
	    = realloc (dp_profile, (dp_profile_objects + 1) * sizeof *grown);
	  if (!grown)
	    return 0;
	  dp_profile = grown;
	  obj = &dp_profile[dp_profile_objects++];
	  memset (obj, 0, sizeof *obj);
	  obj->path = dp_field (line, "path");
	  obj->build_id = dp_field (line, "build_id");
	  if (!obj->build_id)
	    obj->build_id = strdup ("");
	  site = NULL;
	  pending[0] = '\0';
	  if (!obj->path || !obj->build_id)
	    return 0;
	}
      else if (!strncmp (line, "site ", 5))
	{
	  site = NULL;
	  if (!obj)
	    return 0;
	  memcpy (pending, line, strlen (line) + 1);
	  pending_lineno = *lineno;
	}
      else if (!strncmp (line, "  other ", 8))
	{
	  if (site)
	    site->other += dp_dump_field_u64 (line, "samples", &ok);
	  if (!ok)
	    return 0;
	}
      else if (!strncmp (line, "  target ", 9))
	{
	  if (pending[0])
	    {
	      if (!dp_profile_site_line (obj, pending, &site))
		{
		  *lineno = pending_lineno;
		  return 0;
		}
	      pending[0] = '\0';
	    }
	  if (!site)
	    continue;
	  if (site->ntargets == DP_SLOTS)
	    {
	      /* More targets than slots: the rest count as "other", so a
		 megamorphic site stays megamorphic.  */
	      site->other += dp_dump_field_u64 (line, "samples", &ok);
	      if (!ok)
		return 0;
	      continue;
	    }
	  struct dp_profile_target *t = &site->targets[site->ntargets];
	  t->samples = dp_dump_field_u64 (line, "samples", &ok);
	  t->sym = dp_field (line, "sym");
	  if (!ok || !t->sym)
	    return 0;
	  size_t len;
	  const char *off = dp_dump_field_raw (line, "off", &len);
	  t->has_off = 0;
	  if (off)
	    {
	      char *end;
	      t->off = (uintptr_t) strtoull (off, &end, 16);
	      if (strncmp (off, "0x", 2) || end != off + len)
		return 0;
	      t->has_off = 1;
	      obj->has_offsets = 1;
	    }
	  /* Unnamed targets are an address of another run.  */
	  if (strcmp (t->sym, "?") && t->samples)
	    site->ntargets++;
	  else
	    free (t->sym);
	}
    }
  /* A site line no target followed is not looked at, but the last line
     of a file cut short is: parsed, and dropped.  */
  if (pending[0] && obj)
    {
      struct dp_profile_site *last;
      if (!dp_profile_site_line (obj, pending, &last))
	{
	  *lineno = pending_lineno;
	  return 0;
	}
      if (last)
	{
	  free (last->kind);
	  free (last->func);
	  obj->nsites--;
	}
    }
  return *lineno > 0;
}

/* Read DYNPROMOTE_PROFILE, if set (the constructor).  A file that cannot
   be read, or is not a dump, gets one warning; the program runs on, as
   without a profile.  */
void
dp_profile_load (void)
{
  if (!dp_profile_path)
    return;
  FILE *f = fopen (dp_profile_path, "re");
  if (!f)
    {
      dp_warn ("cannot read DYNPROMOTE_PROFILE file '%s': %s; starting"
	       " without it", dp_profile_path, strerror (errno));
      return;
    }
  unsigned long lineno;
  int ok = dp_profile_parse (f, &lineno);
  fclose (f);
  if (!ok)
    {
      dp_warn ("DYNPROMOTE_PROFILE file '%s' is not a dynpromote"
	       " statistics dump (line %lu); starting without it",
	       dp_profile_path, lineno);
      /* Kept objects are simply never matched.  */
      dp_profile_objects = 0;
    }
}

/* Teach site REC of OBJ what profile entry PS learned; true if it has
   targets to decide on.  SAME_BUILD: the profile's block is this
   object's build (build-id), loaded at BIAS, so a target's off= is
   where it is now (no symbol table read); else targets are found by
   name.  */
static int
dp_profile_seed (const struct dp_site_record *rec,
		 const struct dp_profile_site *ps, int same_build,
		 uintptr_t bias)
{
  const struct dp_site_loc *loc = DP_SITE_LOC (rec);
  if (rec->line != ps->line || rec->column != ps->col
      || strcmp (dp_site_kind_name (rec), ps->kind)
      || strcmp ((const char *) DP_REL (loc, func_rel), ps->func)
      || (rec->flags & DP_FLAG_SHARED))
    return 0;
  struct dp_site_state *st = dp_state_of (rec);
  if (st->status != DP_STATUS_LEARNING || st->samples)
    return 0;
  int n = 0;
  uint64_t total = 0;
  for (int i = 0; i < ps->ntargets; i++)
    {
      const struct dp_profile_target *t = &ps->targets[i];
      /* In the same build a target without off= was in another object
	 (libc's malloc): only the exported symbols can name it.  */
      uintptr_t addr = !same_build ? dp_symbol_address (rec, t->sym)
		       : t->has_off ? bias + t->off
		       : dp_symbol_address (NULL, t->sym);
      if (!addr)
	continue;
      st->slot[n].target = addr;
      st->slot[n].samples = ps->targets[i].samples;
      total += ps->targets[i].samples;
      n++;
    }
  if (!n)
    return 0;
  /* Ready to decide, as if it had learned its window.  */
  st->other = ps->other;
  total += ps->other;
  st->samples = total > dp_decide_samples ? total : dp_decide_samples;
  return 1;
}

/* OBJ has registered: promote the sites its profile block names.  */
void
dp_profile_apply (struct dp_object *obj)
{
  if (!dp_profile_objects || !dp_promotion)
    return;
  const struct dp_site_record *begin = dp_object_begin (obj);
  const struct dp_site_record *end = dp_object_end (obj);
  char path[PATH_MAX], build_id[129];
  dp_object_path (begin, path, sizeof path);
  dp_object_build_id (obj, build_id, sizeof build_id);

  struct dp_profile_object *match = NULL;
  int same_build = 0;
  for (size_t i = 0; i < dp_profile_objects && !match; i++)
    {
      struct dp_profile_object *po = &dp_profile[i];
      int same_path = !strcmp (po->path, path);
      if (build_id[0] && po->build_id[0])
	{
	  if (!strcmp (po->build_id, build_id))
	    {
	      match = po;
	      same_build = 1;
	    }
	  else if (same_path && !po->warned)
	    {
	      po->warned = 1;
	      dp_warn ("DYNPROMOTE_PROFILE file '%s' is for another build of"
		       " %s (build-id %s, not %s); its entries are ignored",
		       dp_profile_path, path, po->build_id, build_id);
	    }
	}
      else if (same_path && !build_id[0] && !po->build_id[0])
	match = po;
    }
  if (!match)
    return;

  /* Offsets only from a runtime that writes them: in an older profile
     a target without off= may be in this object too.  */
  uintptr_t bias = 0;
  if (same_build && (!match->has_offsets || !dp_object_bias (begin, &bias)))
    same_build = 0;
  size_t nrecs = (size_t) (end - begin);
  const struct dp_site_record **taught = calloc (match->nsites ? match->nsites
						 : 1, sizeof *taught);
  if (!taught)
    return;
  size_t n = 0;
  dp_stats_lock ();		/* symbolize.c's tables */
  for (size_t i = 0; i < match->nsites; i++)
    {
      const struct dp_profile_site *ps = &match->sites[i];
      if (ps->id < nrecs && ps->ntargets
	  && dp_profile_seed (begin + ps->id, ps, same_build, bias))
	taught[n++] = begin + ps->id;
    }
  dp_symbolize_flush ();
  dp_stats_unlock ();
  dp_promoter_decide_now (obj, taught, n);
  free (taught);
}
