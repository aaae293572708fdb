/* merge.c - dynpromote-stats --merge: many dumps added up into one
   profile (docs/patching.md, "Profiles across runs").

   The profile is itself a dump (format v1), so this tool reads it back
   and a later runtime can start from it.  What identifies what across
   runs, where addresses mean nothing (ASLR):

   - an object: its build_id, or without one its path;
   - a site: its object, id (its record's index), kind, function, file,
     line and column; a site whose record changed under the same id (an
     object rebuilt without a build-id) stays apart;
   - a target: its symbol (NAME or NAME+0xOFF).  An unnamed target ("?")
     is only an address of one run: its samples go to "other".

   Counters are summed (a site's calls, samples, hits, misses,
   promotions, re-patches), a target's samples too; shares and miss
   rates are recomputed; the state is the one of the input that sampled
   the site most, and a target is promoted if any input promoted it.
   Addresses are written as 0x0: no run's are right for another.  A
   target's off= (its offset in its site's object, which spares a warm
   start the object's symbol table) is kept when the object is known by
   its build-id: one build, one set of offsets.
   Shared families are added up the same way, by object and name.

   The profile is written to a temporary file beside it and renamed
   over it, so a reader never sees half of one.  */

#define _GNU_SOURCE
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libiberty/hashtab.h>

#include "stats.h"

/* One merged target of a record.  */
struct mtarget
{
  const char *sym;
  uint64_t samples;
  uint64_t off;			/* NO_OFFSET: none kept */
  bool promoted;
};

/* One merged site or shared record.  */
struct mrecord
{
  const char *key;		/* identity, for the hash table */
  size_t object;		/* index into mobjects */
  const struct site *first;	/* its first input: a site's, */
  const struct family *first_family; /* or a shared record's */
  uint64_t calls, samples, hits, misses, promotions, repatches;
  uint64_t unreachable, via_plt, members;
  uint64_t best_samples;	/* of the input whose state it keeps */
  const char *state;
  uint64_t other;
  struct mtarget *t;
  size_t nt, capt;
};

/* One merged object.  */
struct mobject
{
  const char *key;
  const struct object *first;
  size_t nsites;		/* merged sites */
  size_t nrecords;		/* merged sites and shared records */
};

static struct mobject *mobjects;
static size_t nmobjects, mobjects_cap;
static struct mrecord *mrecords;
static size_t nmrecords, mrecords_cap;

/* The hash tables hold an index into MOBJECTS or MRECORDS (which move
   as they grow) plus 2, since libiberty takes 0 and 1 for empty and
   deleted entries, and are looked up with a key's address.  */
#define SLOT_OF(i) ((void *) (uintptr_t) ((i) + 2))
#define INDEX_OF(p) ((size_t) (uintptr_t) (p) - 2)

static hashval_t
hash_object (const void *p)
{
  return htab_hash_string (mobjects[INDEX_OF (p)].key);
}

static int
eq_object (const void *a, const void *b)
{
  return !strcmp (mobjects[INDEX_OF (a)].key,
		  *(const char *const *) b);
}

/* The index of the merged object of input object O.  */
static size_t
merged_object (htab_t table, const struct object *o)
{
  char *key = o->build_id ? xasprintf ("b:%s", o->build_id->text)
			  : xasprintf ("p:%s", o->path->text);
  void **slot = htab_find_slot_with_hash (table, &key,
					  htab_hash_string (key), INSERT);
  if (*slot)
    {
      free (key);
      return INDEX_OF (*slot);
    }
  GROW (mobjects, nmobjects, mobjects_cap);
  mobjects[nmobjects] = (struct mobject) { .key = key, .first = o };
  *slot = SLOT_OF (nmobjects);
  return nmobjects++;
}

/* Add input target list TL of a record to merged record M.  */
static void
add_targets (struct mrecord *m, const struct target_list *tl)
{
  bool one_build = !strncmp (mobjects[m->object].key, "b:", 2);
  m->other += tl->other_samples;
  for (size_t i = 0; i < tl->n; i++)
    {
      const struct target *t = &targets[tl->first + i];
      if (!strcmp (t->sym->text, "?"))
	{
	  m->other += t->samples;
	  continue;
	}
      size_t j = 0;
      while (j < m->nt && strcmp (m->t[j].sym, t->sym->text))
	j++;
      if (j == m->nt)
	{
	  GROW (m->t, m->nt, m->capt);
	  m->t[m->nt++] = (struct mtarget) { .sym = t->sym->text,
					     .off = NO_OFFSET };
	}
      if (one_build && m->t[j].off == NO_OFFSET)
	m->t[j].off = t->off;
      m->t[j].samples += t->samples;
      m->t[j].promoted |= t->promoted;
    }
}

static hashval_t
hash_record (const void *p)
{
  return htab_hash_string (mrecords[INDEX_OF (p)].key);
}

static int
eq_record (const void *a, const void *b)
{
  return !strcmp (mrecords[INDEX_OF (a)].key,
		  *(const char *const *) b);
}

/* The merged record for KEY (taking KEY); *NEW_P says whether it is
   new.  */
static struct mrecord *
merged_record (htab_t table, char *key, size_t object, bool *new_p)
{
  void **slot = htab_find_slot_with_hash (table, &key,
					  htab_hash_string (key), INSERT);
  *new_p = !*slot;
  if (*slot)
    {
      free (key);
      return &mrecords[INDEX_OF (*slot)];
    }
  GROW (mrecords, nmrecords, mrecords_cap);
  mrecords[nmrecords] = (struct mrecord) { .key = key, .object = object };
  mobjects[object].nrecords++;
  *slot = SLOT_OF (nmrecords);
  return &mrecords[nmrecords++];
}

/* Keep STATE as the record's if the input sampled it more (SAMPLES).  */
static void
keep_state (struct mrecord *m, const struct name *state, uint64_t samples,
	    bool first)
{
  if (first || samples > m->best_samples)
    {
      m->state = state->text;
      m->best_samples = samples;
    }
}

/* Write VALUE as the dump writes values: bytes up to space, '\' and DEL
   as \xHH.  */
static void
put_value (FILE *f, const char *value)
{
  for (const unsigned char *p = (const unsigned char *) value; *p; p++)
    if (*p <= ' ' || *p == '\\' || *p >= 0x7f)
      fprintf (f, "\\x%02x", *p);
    else
      fputc (*p, f);
}

static int
by_samples (const void *a, const void *b)
{
  const struct mtarget *x = a, *y = b;
  if (x->samples != y->samples)
    return x->samples < y->samples ? 1 : -1;
  return strcmp (x->sym, y->sym);
}

static void
write_counters (FILE *f, const struct mrecord *m)
{
  uint64_t judged = m->hits + m->misses;
  fprintf (f, " state=%s calls=%" PRIu64 " samples=%" PRIu64 " hits=%"
	   PRIu64 " misses=%" PRIu64 " miss_rate=%.1f%% promotions=%"
	   PRIu64 " repatches=%" PRIu64 " unreachable=%" PRIu64 " via_plt=%"
	   PRIu64, m->state, m->calls, m->samples, m->hits, m->misses,
	   judged ? 100.0 * (double) m->misses / (double) judged : 0.0,
	   m->promotions, m->repatches, m->unreachable, m->via_plt);
}

static void
write_targets (FILE *f, struct mrecord *m)
{
  qsort (m->t, m->nt, sizeof *m->t, by_samples);
  uint64_t total = m->other;
  for (size_t i = 0; i < m->nt; i++)
    total += m->t[i].samples;
  double d = total ? (double) total : 1.0;
  for (size_t i = 0; i < m->nt; i++)
    {
      fputs ("  target addr=0x0 sym=", f);
      put_value (f, m->t[i].sym);
      fprintf (f, " promoted=%d samples=%" PRIu64 " share=%.1f%%",
	       m->t[i].promoted, m->t[i].samples,
	       100.0 * (double) m->t[i].samples / d);
      if (m->t[i].off != NO_OFFSET)
	fprintf (f, " off=0x%" PRIx64, m->t[i].off);
      fputc ('\n', f);
    }
  if (m->other)
    fprintf (f, "  other samples=%" PRIu64 " share=%.1f%%\n", m->other,
	     100.0 * (double) m->other / d);
}

static void
write_record (FILE *f, struct mrecord *m)
{
  if (m->first_family)
    {
      const struct family *fam = m->first_family;
      fputs ("shared family=", f);
      put_value (f, fam->family->text);
      fprintf (f, " sites=%" PRIu64, m->members);
      write_counters (f, m);
      fputs (" trampoline=0x0 route=none\n", f);
      write_targets (f, m);
      return;
    }
  const struct site *s = m->first;
  fprintf (f, "site id=%" PRIu64 " file=", s->id);
  put_value (f, s->file->text);
  fprintf (f, " line=%" PRIu64 " col=%" PRIu64 " func=", s->line, s->col);
  put_value (f, s->func->text);
  fputs (" kind=", f);
  put_value (f, s->kind->text);
  write_counters (f, m);
  fputs (" call=0x0 entry=0x0 trampoline=0x0 route=none", f);
  if (s->shared)
    {
      fputs (" shared=", f);
      put_value (f, s->shared->text);
    }
  fputc ('\n', f);
  if (!s->shared)
    write_targets (f, m);
}

/* Add the counters of input record R (a site or a shared record: the
   same fields) to merged record M.  */
#define ADD_COUNTERS(m, r)						\
  do									\
    {									\
      (m)->calls += (r)->calls;						\
      (m)->samples += (r)->samples;					\
      (m)->hits += (r)->hits;						\
      (m)->misses += (r)->misses;					\
      (m)->promotions += (r)->promotions;				\
      (m)->repatches += (r)->repatches;					\
      (m)->unreachable += (r)->unreachable;				\
      (m)->via_plt += (r)->via_plt;					\
    }									\
  while (0)

/* Add every site and family read into the merged records.  */
static void
merge_all (void)
{
  htab_t object_table = htab_create (64, hash_object, eq_object, NULL);
  htab_t record_table = htab_create (1024, hash_record, eq_record, NULL);
  size_t *object_of = XNEWVEC (size_t, nobjects ? nobjects : 1);
  for (size_t i = 0; i < nobjects; i++)
    object_of[i] = merged_object (object_table, &objects[i]);

  for (size_t k = 0; k < nfamilies; k++)
    {
      const struct family *fam = &families[k];
      size_t o = object_of[fam->object];
      /* (No %zu: libiberty's xasprintf sizes its buffer itself and
	 does not know the z modifier.)  */
      char *key = xasprintf ("f:%lu:%s", (unsigned long) o,
			     fam->family->text);
      bool fresh;
      struct mrecord *m = merged_record (record_table, key, o, &fresh);
      if (fresh)
	m->first_family = fam;
      keep_state (m, fam->state, fam->samples, fresh);
      ADD_COUNTERS (m, fam);
      if (fam->sites > m->members)
	m->members = fam->sites;
      add_targets (m, &fam->tl);
    }

  for (size_t i = 0; i < nsites; i++)
    {
      const struct site *s = &sites[i];
      size_t o = object_of[s->object];
      char *key = xasprintf ("s:%lu:%" PRIu64 ":%s:%s:%s:%" PRIu64 ":%"
			     PRIu64, (unsigned long) o, s->id, s->kind->text,
			     s->func->text, s->file->text, s->line, s->col);
      bool fresh;
      struct mrecord *m = merged_record (record_table, key, o, &fresh);
      if (fresh)
	{
	  m->first = s;
	  mobjects[o].nsites++;
	}
      keep_state (m, s->state, s->samples, fresh);
      ADD_COUNTERS (m, s);
      if (!s->shared)
	add_targets (m, &s->tl);
    }
  free (object_of);
  htab_delete (object_table);
  htab_delete (record_table);
}

/* Write the profile to F.  */
static void
write_profile (FILE *f)
{
  fprintf (f, "# dynpromote-stats v%d\n", FORMAT_VERSION);
  fprintf (f, "process pid=0 exe=");
  put_value (f, ndumps && dumps[0].exe ? dumps[0].exe->text : "?");
  fprintf (f, " status=merged dumps=%zu\n", ndumps);
  for (size_t o = 0; o < nmobjects; o++)
    {
      const struct object *first = mobjects[o].first;
      if (!mobjects[o].nrecords)
	continue;		/* A refused object, say: nothing to add.  */
      fputs ("object path=", f);
      put_value (f, first->path->text);
      fprintf (f, " abi=%" PRIu64 " sites=%zu state=loaded", first->abi,
	       mobjects[o].nsites);
      if (first->build_id)
	{
	  fputs (" build_id=", f);
	  put_value (f, first->build_id->text);
	}
      fputc ('\n', f);
      for (size_t pass = 0; pass < 2; pass++)
	for (size_t i = 0; i < nmrecords; i++)
	  if (mrecords[i].object == o && !mrecords[i].first_family == pass)
	    write_record (f, &mrecords[i]);
    }
}

/* --merge: write the dumps read so far, added up, to OUT ("-": standard
   output).  Exits on an error, with one line naming OUT.  */
void
write_merged (const char *out)
{
  merge_all ();
  if (!strcmp (out, "-"))
    {
      write_profile (stdout);
      if (fflush (stdout) != 0)
	die ("cannot write standard output: %s", strerror (errno));
      return;
    }
  char *tmp = xasprintf ("%s.tmp.%ld", out, (long) getpid ());
  FILE *f = fopen (tmp, "w");
  if (!f)
    die ("cannot write profile '%s': %s", out, strerror (errno));
  write_profile (f);
  bool bad = ferror (f) != 0;
  if (fclose (f) != 0 || bad)
    {
      int e = errno;
      unlink (tmp);
      die ("cannot write profile '%s': %s", out, strerror (e ? e : EIO));
    }
  if (rename (tmp, out) != 0)
    {
      int e = errno;
      unlink (tmp);
      die ("cannot write profile '%s': %s", out, strerror (e));
    }
  free (tmp);
}
