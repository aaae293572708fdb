/* read.c - the dump format's reader: format v1 (runtime/stats.c
   describes it) into dumps, objects, sites, shared records (families)
   and targets.

   Strict about what v1 defines and lenient about what it does not: a
   malformed line or another format version stops the tool with one
   message naming the file and line (exit status 2), while unknown keys
   and unknown record names are skipped, so that a newer runtime's
   additions do not break an older tool.  A later header starts another
   dump, so concatenated dumps read like files.

   A shared record (a dynpromote_shared family's one learning state, and
   its targets) is joined to the member sites that name it in shared=.  */

#define _GNU_SOURCE
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stats.h"
#include "dynpromote/dump-fields.h"

struct dump *dumps;
static size_t dumps_cap;
size_t ndumps;
struct object *objects;
static size_t objects_cap;
size_t nobjects;
struct site *sites;
static size_t sites_cap;
size_t nsites;
struct family *families;
static size_t families_cap;
size_t nfamilies;
struct target *targets;
static size_t targets_cap;
size_t ntargets;

/* Defaults of fields a line may leave out.  */
static struct name *name_call, *name_loaded, *name_unknown;

/* ------------------------------------------------------------------ */
/* The keys of each record.  */

#define KEY(type, member, ktype, req)					\
  { #member, ktype, offsetof (struct type, member), req }

const struct key site_keys[] =
{
  KEY (site, id, K_U64, true),
  KEY (site, file, K_NAME, true),
  KEY (site, line, K_U64, true),
  KEY (site, col, K_U64, false),
  KEY (site, func, K_SYMBOL, true),
  KEY (site, kind, K_NAME, false),
  KEY (site, state, K_NAME, true),
  KEY (site, calls, K_U64, true),
  KEY (site, samples, K_U64, false),
  KEY (site, hits, K_U64, false),
  KEY (site, misses, K_U64, false),
  KEY (site, miss_rate, K_PERCENT, false),
  KEY (site, promotions, K_U64, false),
  KEY (site, repatches, K_U64, false),
  KEY (site, unreachable, K_U64, false),
  KEY (site, via_plt, K_U64, false),
  KEY (site, call, K_ADDR, false),
  KEY (site, entry, K_ADDR, false),
  KEY (site, trampoline, K_ADDR, false),
  KEY (site, route, K_NAME, false),
  KEY (site, shared, K_NAME, false),
  { NULL, 0, 0, false }
};

const struct key family_keys[] =
{
  KEY (family, family, K_NAME, true),
  KEY (family, sites, K_U64, false),
  KEY (family, state, K_NAME, true),
  KEY (family, calls, K_U64, true),
  KEY (family, samples, K_U64, false),
  KEY (family, hits, K_U64, false),
  KEY (family, misses, K_U64, false),
  KEY (family, miss_rate, K_PERCENT, false),
  KEY (family, promotions, K_U64, false),
  KEY (family, repatches, K_U64, false),
  KEY (family, unreachable, K_U64, false),
  KEY (family, via_plt, K_U64, false),
  KEY (family, trampoline, K_ADDR, false),
  KEY (family, route, K_NAME, false),
  { NULL, 0, 0, false }
};

const struct key target_keys[] =
{
  KEY (target, addr, K_ADDR, true),
  KEY (target, sym, K_SYMBOL, false),
  KEY (target, promoted, K_FLAG, false),
  KEY (target, samples, K_U64, true),
  KEY (target, share, K_PERCENT, false),
  KEY (target, off, K_OFFSET, false),
  { NULL, 0, 0, false }
};

const struct key other_keys[] =
{
  { "samples", K_U64, offsetof (struct target_list, other_samples), true },
  { "share", K_PERCENT, offsetof (struct target_list, other_share), false },
  { NULL, 0, 0, false }
};

const struct key object_keys[] =
{
  KEY (object, path, K_NAME, true),
  { "sites", K_U64, offsetof (struct object, declared), false },
  KEY (object, state, K_NAME, false),
  KEY (object, build_id, K_NAME, false),
  KEY (object, abi, K_U64, false),
  { NULL, 0, 0, false }
};

const struct key process_keys[] =
{
  KEY (dump, pid, K_U64, false),
  KEY (dump, exe, K_NAME, false),
  { NULL, 0, 0, false }
};

/* parse_fields notes the keys it has seen in 32 bits; site_keys is the
   longest table.  */
_Static_assert (sizeof site_keys / sizeof *site_keys - 1 <= 32,
		"too many keys for parse_fields");

/* ------------------------------------------------------------------ */
/* Reading lines.  */

struct field
{
  char *key;
  char *value;
};

static struct field *fields;
static size_t nfields, fields_cap;

static bool
is_word (const char *s, size_t len)
{
  if (len == 0)
    return false;
  for (size_t i = 0; i < len; i++)
    if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9')
	  || s[i] == '_' || s[i] == '-'))
      return false;
  return true;
}

/* Undo the writer's \xHH escapes in F's value, in place.  The escapes
   are checked before anything changes, so a message shows the value as
   written.  */
static void
decode_value (const struct input *in, struct field *f)
{
  char *r = strchr (f->value, '\\');
  if (!r)
    return;
  for (const char *q = r; (q = strchr (q, '\\')); q += 4)
    if (q[1] != 'x' || dp_dump_hex_digit (q[2]) < 0 || dp_dump_hex_digit (q[3]) < 0
	|| (q[2] == '0' && q[3] == '0'))
      {
	char *v = printable (f->value, 80);
	die_at (in, "malformed line: bad escape in '%s=%s' (expected \\xHH, "
		"not \\x00)", f->key, v);
      }
  char *w = r;
  while (*r)
    if (*r == '\\')
      {
	*w++ = (char) (dp_dump_hex_digit (r[2]) * 16 + dp_dump_hex_digit (r[3]));
	r += 4;
      }
    else
      *w++ = *r++;
  *w = '\0';
}

/* Split LINE into its record name, returned, and FIELDS (decoded).
   Returns NULL for a blank line.  Fields are separated by spaces;
   indentation is not significant.  */
static const char *
split_line (const struct input *in, char *line)
{
  char *p = line + strspn (line, " ");
  if (!*p)
    return NULL;
  char *record = p;
  p += strcspn (p, " ");
  if (!is_word (record, p - record))
    {
      *p = '\0';
      die_at (in, "malformed line: '%s' is not a record name",
	      printable (record, 80));
    }

  nfields = 0;
  while (*p)
    {
      *p++ = '\0';
      p += strspn (p, " ");
      if (!*p)
	break;
      char *tok = p;
      p += strcspn (p, " ");
      char *eq = memchr (tok, '=', p - tok);
      if (!eq || !is_word (tok, eq - tok))
	{
	  *p = '\0';
	  die_at (in, "malformed line: field '%s' is not KEY=VALUE",
		  printable (tok, 80));
	}
      *eq = '\0';
      GROW (fields, nfields, fields_cap);
      fields[nfields].key = tok;
      fields[nfields].value = eq + 1;
      nfields++;
    }
  for (size_t i = 0; i < nfields; i++)
    decode_value (in, &fields[i]);
  return record;
}

static void __attribute__ ((noreturn))
bad_value (const struct input *in, const struct field *f,
	   const char *expected)
{
  char *v = printable (f->value, 80);
  die_at (in, "malformed line: bad value '%s=%s' (expected %s)", f->key, v,
	  expected);
}

static uint64_t
parse_u64 (const struct input *in, const struct field *f, int base,
	   const char *s, const char *expected)
{
  char *end;
  errno = 0;
  uint64_t v = strtoull (s, &end, base);
  if (dp_dump_hex_digit (*s) < 0 || dp_dump_hex_digit (*s) >= base || *end || errno)
    bad_value (in, f, expected);
  return v;
}

/* Store field F into the record at BASE as key K says.  */
static void
parse_value (const struct input *in, const struct field *f,
	     const struct key *k, char *base)
{
  const char *s = f->value;
  void *dest = base + k->offset;
  switch (k->type)
    {
    case K_U64:
      *(uint64_t *) dest = parse_u64 (in, f, 10, s, "an unsigned integer");
      break;
    case K_ADDR:
    case K_OFFSET:
      /* glibc's %p prints a null pointer as "(nil)".  */
      if (k->type == K_ADDR && !strcmp (s, "(nil)"))
	*(uint64_t *) dest = 0;
      else if (s[0] != '0' || s[1] != 'x')
	bad_value (in, f, "an address 0xHEX");
      else
	*(uint64_t *) dest = parse_u64 (in, f, 16, s + 2,
					"an address 0xHEX");
      break;
    case K_PERCENT:
      {
	size_t i = strspn (s, "0123456789");
	if (i && s[i] == '.')
	  i += 1 + strspn (s + i + 1, "0123456789");
	if (i == 0 || s[i - 1] == '.' || s[i] != '%' || s[i + 1])
	  bad_value (in, f, "a percentage like 12.5%");
	*(double *) dest = strtod (s, NULL);
	break;
      }
    case K_FLAG:
      if ((s[0] != '0' && s[0] != '1') || s[1])
	bad_value (in, f, "0 or 1");
      *(bool *) dest = s[0] == '1';
      break;
    case K_NAME:
    case K_SYMBOL:
      *(struct name **) dest = intern (s);
      break;
    }
}

/* Parse the current line's FIELDS into the record at BASE by KEYS.
   Fields normally come in the writer's order, so the key after the last
   match is tried first: a line costs about one comparison per field.  */
static void
parse_fields (const struct input *in, const char *record,
	      const struct key *keys, void *base)
{
  uint32_t seen = 0;
  size_t nkeys = 0, hint = 0;
  while (keys[nkeys].name)
    nkeys++;
  for (size_t i = 0; i < nfields; i++)
    {
      size_t k = hint;
      if (k >= nkeys || strcmp (keys[k].name, fields[i].key))
	for (k = 0; k < nkeys; k++)
	  if (!strcmp (keys[k].name, fields[i].key))
	    break;
      if (k == nkeys)
	continue;		/* a key of a later version */
      parse_value (in, &fields[i], &keys[k], base);
      seen |= UINT32_C (1) << k;
      hint = k + 1;
    }
  for (size_t k = 0; k < nkeys; k++)
    if (keys[k].required && !(seen & UINT32_C (1) << k))
      die_at (in, "malformed line: '%s' record without '%s='", record,
	      keys[k].name);
}

/* ------------------------------------------------------------------ */
/* Records.  */

struct reader
{
  struct input in;
  size_t dump;			/* SIZE_MAX before the header */
  size_t object;		/* SIZE_MAX outside an object */
  size_t site;			/* SIZE_MAX outside a site */
  size_t family;		/* SIZE_MAX outside a shared record */
};

/* The target list that target and other lines add to, or NULL.  (An
   index, not a pointer: the vectors move as they grow.)  */
static struct target_list *
current_targets (const struct reader *r)
{
  if (r->site != SIZE_MAX)
    return &sites[r->site].tl;
  if (r->family != SIZE_MAX)
    return &families[r->family].tl;
  return NULL;
}

/* The family named NAME (interned, so compared as a pointer) among the
   shared records of the current object, or SIZE_MAX.  */
static size_t
find_family (const struct reader *r, const struct name *name)
{
  for (size_t i = objects[r->object].first_family; i < nfamilies; i++)
    if (families[i].family == name)
      return i;
  return SIZE_MAX;
}

/* A declared site count that disagrees with the site lines means a
   truncated or spliced dump; the sites read are still worth showing.  */
static void
close_object (struct reader *r)
{
  if (r->object != SIZE_MAX)
    {
      struct object *o = &objects[r->object];
      if (o->declared != UINT64_MAX && o->declared != o->nsites)
	{
	  struct input at = { r->in.source, o->lineno };
	  char *p = printable (o->path->text, 200);
	  warn_at (&at, "object '%s' declares %" PRIu64 " sites but lists "
		   "%zu", p, o->declared, o->nsites);
	  free (p);
	}
    }
  r->object = SIZE_MAX;
  r->site = SIZE_MAX;
  r->family = SIZE_MAX;
}

/* "# dynpromote-stats vN" starts a dump: returns false for any other
   line, which is then a comment.  */
static bool
read_header (struct reader *r, const char *line)
{
  static const char magic[] = "# dynpromote-stats";
  size_t m = sizeof magic - 1;
  if (strncmp (line, magic, m) || (line[m] != ' ' && line[m]))
    return false;
  const char *v = line + m + strspn (line + m, " ");
  size_t digits = v[0] == 'v' ? strspn (v + 1, "0123456789") : 0;
  if (digits == 0 || (v[1 + digits] && v[1 + digits] != ' '))
    die_at (&r->in, "malformed header (expected '# dynpromote-stats v%d')",
	    FORMAT_VERSION);
  if (digits > 9 || atoi (v + 1) != FORMAT_VERSION)
    die_at (&r->in, "unsupported dump format version 'v%.*s' (this tool "
	    "reads v%d)", digits > 20 ? 20 : (int) digits, v + 1,
	    FORMAT_VERSION);

  close_object (r);
  GROW (dumps, ndumps, dumps_cap);
  dumps[ndumps] = (struct dump) { .source = r->in.source };
  r->dump = ndumps++;
  return true;
}

static void
read_line (struct reader *r, char *line, size_t len)
{
  if (line[0] == '#' && strlen (line) == len)
    {
      /* A later header starts another dump, so that concatenated dumps
	 (cat a.stats b.stats | dynpromote-stats -) read like files.  */
      if (read_header (r, line) || r->dump != SIZE_MAX)
	return;
    }
  if (r->dump == SIZE_MAX)
    die_at (&r->in, "not a dynpromote statistics dump (the first line "
	    "must be '# dynpromote-stats v%d')", FORMAT_VERSION);
  if (strlen (line) != len)
    die_at (&r->in, "malformed line: it contains a NUL byte");

  const char *record = split_line (&r->in, line);
  if (!record)
    return;
  if (!strcmp (record, "site"))
    {
      if (r->object == SIZE_MAX)
	die_at (&r->in, "malformed dump: 'site' record outside an object");
      GROW (sites, nsites, sites_cap);
      struct site *s = &sites[nsites];
      *s = (struct site) { .object = r->object, .seq = nsites,
			   .kind = name_call, .family = SIZE_MAX,
			   .tl.first = ntargets };
      parse_fields (&r->in, record, site_keys, s);
      /* A member shows its family's state: join it to the family's
	 record, which the runtime writes before the object's sites.  */
      if (s->shared && (s->family = find_family (r, s->shared)) == SIZE_MAX)
	{
	  char *p = printable (s->shared->text, 200);
	  warn_at (&r->in, "no 'shared' record of family '%s' in this "
		   "site's object", p);
	  free (p);
	}
      objects[r->object].nsites++;
      r->site = nsites++;
      r->family = SIZE_MAX;
    }
  else if (!strcmp (record, "shared"))
    {
      /* A family's one learning state, with its own target lines; its
	 members are rows of their own.  */
      if (r->object == SIZE_MAX)
	die_at (&r->in, "malformed dump: 'shared' record outside an object");
      GROW (families, nfamilies, families_cap);
      struct family *f = &families[nfamilies];
      *f = (struct family) { .object = r->object, .tl.first = ntargets };
      parse_fields (&r->in, record, family_keys, f);
      /* Members join the first: a second would make the join ambiguous.  */
      if (find_family (r, f->family) != SIZE_MAX)
	{
	  char *p = printable (f->family->text, 200);
	  warn_at (&r->in, "second 'shared' record of family '%s' in one "
		   "object (its members join the first)", p);
	  free (p);
	}
      r->site = SIZE_MAX;
      r->family = nfamilies++;
    }
  else if (!strcmp (record, "target"))
    {
      struct target_list *tl = current_targets (r);
      if (!tl)
	die_at (&r->in, "malformed dump: 'target' record outside a site or "
		"shared record");
      GROW (targets, ntargets, targets_cap);
      targets[ntargets] = (struct target) { .sym = name_unknown,
					    .off = NO_OFFSET };
      parse_fields (&r->in, record, target_keys, &targets[ntargets]);
      /* A record's targets follow it, so they are contiguous.  */
      tl->n++;
      ntargets++;
    }
  else if (!strcmp (record, "other"))
    {
      struct target_list *tl = current_targets (r);
      if (!tl)
	die_at (&r->in, "malformed dump: 'other' record outside a site or "
		"shared record");
      parse_fields (&r->in, record, other_keys, tl);
      tl->has_other = true;
    }
  else if (!strcmp (record, "object"))
    {
      close_object (r);
      GROW (objects, nobjects, objects_cap);
      struct object *o = &objects[nobjects];
      *o = (struct object) { .dump = r->dump, .state = name_loaded,
			     .declared = UINT64_MAX,
			     .first_family = nfamilies,
			     .lineno = r->in.lineno };
      parse_fields (&r->in, record, object_keys, o);
      r->object = nobjects++;
    }
  else if (!strcmp (record, "process"))
    {
      struct dump *d = &dumps[r->dump];
      d->pid = UINT64_MAX;
      parse_fields (&r->in, record, process_keys, d);
      d->has_pid = d->pid != UINT64_MAX;
    }
  /* The promoter's process-wide counters, and records of later versions,
     hold nothing a site row shows.  */
}

void
read_dump (const char *path)
{
  bool is_stdin = !strcmp (path, "-");
  FILE *f = is_stdin ? stdin : fopen (path, "r");
  if (!f)
    die ("%s: %s", path, strerror (errno));

  if (!name_call)
    {
      name_call = intern ("call");
      name_loaded = intern ("loaded");
      name_unknown = intern ("?");
    }
  struct reader r = { { is_stdin ? "<stdin>" : path, 0 },
		      SIZE_MAX, SIZE_MAX, SIZE_MAX, SIZE_MAX };
  char *line = NULL;
  size_t cap = 0;
  ssize_t len;
  while ((errno = 0, len = getline (&line, &cap, f)) >= 0)
    {
      r.in.lineno++;
      if (len > 0 && line[len - 1] == '\n')
	line[--len] = '\0';
      read_line (&r, line, (size_t) len);
    }
  if (ferror (f))
    die ("%s: read error: %s", r.in.source, strerror (errno));
  if (r.dump == SIZE_MAX)
    die ("%s: empty, not a dynpromote statistics dump", r.in.source);
  close_object (&r);
  free (line);
  if (!is_stdin)
    fclose (f);
}
