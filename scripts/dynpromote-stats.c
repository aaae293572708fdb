/* dynpromote-stats.c - summarise dynpromote statistics dumps.

   Reads one or more dumps written by the runtime (DYNPROMOTE_STATS=FILE,
   format v1, described in runtime/stats.c) and prints the busiest call
   sites as an aligned table, or as JSON.  C++ assembler names are
   demangled with libiberty's demangler, the one binutils uses.

   The parser is strict about what v1 defines and lenient about what it
   does not: a malformed line or another format version stops the tool
   with one message naming the file and line (exit status 2), while
   unknown keys and unknown record names are skipped, so that a newer
   runtime's additions do not break an older tool.

   A shared record (a dynpromote_shared family's one learning state, and
   its targets) is joined to the member sites that name it in shared=:
   a member's row shows the family's targets, and its JSON object holds
   the family's record.

   Every string of a dump is interned (libiberty's hash table), so a dump
   of many sites sharing a few file and function names costs one
   demangling per distinct name, not one per site; the work is one pass
   over the input plus one sort.  */

#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libiberty/demangle.h>
#include <libiberty/hashtab.h>
#include <libiberty/libiberty.h>

#define PROGRAM_NAME "dynpromote-stats"
#ifndef PACKAGE_VERSION
# define PACKAGE_VERSION "unknown"
#endif

/* As for diff and grep, 2 means trouble: every error exits with it.  */
#define EXIT_TROUBLE 2

/* The dump format version this tool reads.  */
#define FORMAT_VERSION 1

/* ------------------------------------------------------------------ */
/* What the dumps hold.  */

/* An interned, decoded string; its demangled form is made on first use.  */
struct name
{
  const char *text;
  char *demangled;		/* NULL when TEXT is not a mangled name */
  bool demangle_tried;
};

struct dump
{
  const char *source;		/* the file as named, or "<stdin>" */
  uint64_t pid;
  struct name *exe;		/* NULL without a process line */
  bool has_pid;
};

struct object
{
  size_t dump;
  struct name *path, *state;
  uint64_t declared;		/* its sites=, UINT64_MAX if absent */
  size_t nsites;		/* site lines that followed it */
  size_t first_family;		/* its shared records are contiguous */
  unsigned long lineno;		/* of the object line, for the warning */
};

struct target
{
  uint64_t addr, samples;
  struct name *sym;
  double share;
  bool promoted;
};

/* The target and other lines that follow a site or a shared record.  */
struct target_list
{
  size_t first, n;		/* a record's targets are contiguous */
  uint64_t other_samples;
  double other_share;
  bool has_other;
};

/* A shared record: the one learning state of a dynpromote_shared family,
   which its member sites show instead of targets of their own.  */
struct family
{
  struct name *family, *state, *route;
  uint64_t sites, calls, samples, hits, misses;
  double miss_rate;
  uint64_t promotions, repatches, unreachable, via_plt;
  uint64_t trampoline;
  struct target_list tl;
};

struct site
{
  size_t object;
  size_t seq;			/* input order, the last sort key */
  uint64_t id, line, col;
  struct name *file, *func, *kind, *state;
  uint64_t calls, samples, hits, misses;
  double miss_rate;
  uint64_t promotions, repatches, unreachable, via_plt;
  uint64_t call, entry, trampoline;
  struct name *route, *shared;	/* NULL when the dump has none */
  size_t family;		/* of a shared= member, else SIZE_MAX */
  struct target_list tl;
};

static struct dump *dumps;
static size_t ndumps, dumps_cap;
static struct object *objects;
static size_t nobjects, objects_cap;
static struct site *sites;
static size_t nsites, sites_cap;
static struct family *families;
static size_t nfamilies, families_cap;
static struct target *targets;
static size_t ntargets, targets_cap;

/* Grow vector VEC of N elements to room for one more.  */
#define GROW(vec, n, cap)						\
  do									\
    {									\
      if ((n) == (cap))							\
	{								\
	  (cap) = (cap) ? 2 * (cap) : 64;				\
	  (vec) = xrealloc ((vec), (cap) * sizeof *(vec));		\
	}								\
    }									\
  while (0)

/* ------------------------------------------------------------------ */
/* Options.  */

enum sort_key
{
  SORT_CALLS, SORT_MISSES, SORT_MISS_RATE, SORT_SAMPLES, SORT_LOCATION
};

static const char *const sort_names[] =
  { "calls", "misses", "miss-rate", "samples", "location" };
#define NSORTS (sizeof sort_names / sizeof sort_names[0])

/* The site states of format v1, the values --state accepts.  */
static const char *const state_names[] =
  { "idle", "learning", "promoted", "megamorphic", "predicted",
    "unreachable", "nomem", "off" };
#define NSTATES (sizeof state_names / sizeof state_names[0])

static enum sort_key opt_sort = SORT_CALLS;
static size_t opt_top = 20;
static const char *opt_file;
static const char *opt_function;
static bool opt_states[NSTATES];
static bool opt_any_state;
static bool opt_json;
static bool opt_demangle = true;

/* ------------------------------------------------------------------ */
/* Diagnostics: each is one line on standard error.  */

/* Where the parser is, for messages.  */
struct input
{
  const char *source;
  unsigned long lineno;
};

enum diag_kind { DIAG_ERROR, DIAG_WARNING, DIAG_USAGE };

static void
vdiag (enum diag_kind kind, const struct input *in, const char *fmt,
       va_list ap)
{
  fflush (stdout);
  fprintf (stderr, "%s: ", PROGRAM_NAME);
  if (in)
    fprintf (stderr, "%s:%lu: ", in->source, in->lineno);
  if (kind == DIAG_WARNING)
    fputs ("warning: ", stderr);
  vfprintf (stderr, fmt, ap);
  if (kind == DIAG_USAGE)
    fprintf (stderr, " (try '%s --help')", PROGRAM_NAME);
  fputc ('\n', stderr);
}

static void __attribute__ ((noreturn, format (printf, 1, 2)))
die (const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  vdiag (DIAG_ERROR, NULL, fmt, ap);
  va_end (ap);
  exit (EXIT_TROUBLE);
}

static void __attribute__ ((noreturn, format (printf, 2, 3)))
die_at (const struct input *in, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  vdiag (DIAG_ERROR, in, fmt, ap);
  va_end (ap);
  exit (EXIT_TROUBLE);
}

static void __attribute__ ((format (printf, 2, 3)))
warn_at (const struct input *in, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  vdiag (DIAG_WARNING, in, fmt, ap);
  va_end (ap);
}

static void __attribute__ ((noreturn, format (printf, 1, 2)))
usage_error (const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  vdiag (DIAG_USAGE, NULL, fmt, ap);
  va_end (ap);
  exit (EXIT_TROUBLE);
}

/* Length of the valid UTF-8 sequence at S, or 0.  Stops at the first
   byte that does not continue the sequence, so never reads past a NUL.  */
static size_t
utf8_length (const unsigned char *s)
{
  static const uint32_t min[5] = { 0, 0, 0x80, 0x800, 0x10000 };
  size_t n;
  uint32_t cp;

  if (s[0] < 0x80)
    return 1;
  if ((s[0] & 0xe0) == 0xc0)
    n = 2, cp = s[0] & 0x1f;
  else if ((s[0] & 0xf0) == 0xe0)
    n = 3, cp = s[0] & 0x0f;
  else if ((s[0] & 0xf8) == 0xf0)
    n = 4, cp = s[0] & 0x07;
  else
    return 0;
  for (size_t i = 1; i < n; i++)
    {
      if ((s[i] & 0xc0) != 0x80)
	return 0;
      cp = cp << 6 | (s[i] & 0x3f);
    }
  if (cp < min[n] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
    return 0;
  return n;
}

/* S made fit for a message or a table cell: control bytes and bytes that
   are not UTF-8 become \xHH, so that a name can neither break a line nor
   garble a terminal.  At most MAX bytes of S are shown (0: all).  The
   result is malloc'ed.  */
static char *
printable (const char *s, size_t max)
{
  size_t len = strlen (s);
  bool cut = max && len > max;
  if (cut)
    len = max;
  char *out = xmalloc (4 * len + 4);
  char *p = out;
  for (size_t i = 0; i < len; )
    {
      unsigned char c = s[i];
      size_t n = utf8_length ((const unsigned char *) s + i);
      if (n > 1 && i + n <= len)
	{
	  memcpy (p, s + i, n);
	  p += n;
	  i += n;
	  continue;
	}
      if (n == 1 && c >= 0x20 && c != 0x7f)
	*p++ = c;
      else
	p += sprintf (p, "\\x%02x", c);
      i++;
    }
  if (cut)
    p = stpcpy (p, "...");
  *p = '\0';
  return out;
}

/* ------------------------------------------------------------------ */
/* Interned names and demangling.  */

static htab_t names;
static struct name *name_call, *name_loaded, *name_unknown;

static hashval_t
name_hash (const void *p)
{
  return htab_hash_string (((const struct name *) p)->text);
}

static int
name_eq (const void *a, const void *b)
{
  return !strcmp (((const struct name *) a)->text,
		  ((const struct name *) b)->text);
}

static struct name *
intern (const char *text)
{
  struct name key = { text, NULL, false };
  void **slot = htab_find_slot_with_hash (names, &key,
					  htab_hash_string (text), INSERT);
  if (!*slot)
    {
      struct name *n = XNEW (struct name);
      n->text = xstrdup (text);
      n->demangled = NULL;
      n->demangle_tried = false;
      *slot = n;
    }
  return *slot;
}

/* The runtime names an address inside a symbol NAME+0xOFFSET: demangle
   NAME and keep the offset.  */
static char *
demangle_text (const char *text)
{
  const char *plus = strrchr (text, '+');
  if (plus && plus != text && !strncmp (plus, "+0x", 3) && plus[3]
      && !plus[3 + strspn (plus + 3, "0123456789abcdefABCDEF")])
    {
      char *head = xstrndup (text, plus - text);
      char *d = cplus_demangle (head, DMGL_PARAMS | DMGL_ANSI);
      free (head);
      if (!d)
	return NULL;
      char *r = concat (d, plus, NULL);
      free (d);
      return r;
    }
  return cplus_demangle (text, DMGL_PARAMS | DMGL_ANSI);
}

/* N as the user sees it: demangled unless --no-demangle.  */
static const char *
shown (struct name *n)
{
  if (!opt_demangle)
    return n->text;
  if (!n->demangle_tried)
    {
      n->demangled = demangle_text (n->text);
      n->demangle_tried = true;
    }
  return n->demangled ? n->demangled : n->text;
}

/* ------------------------------------------------------------------ */
/* The keys of each record: one table drives both parsing and JSON, so
   the JSON objects carry every field the tool knows, under the dump's
   own key names.  */

enum key_type
{
  K_U64,			/* decimal */
  K_ADDR,			/* 0xHEX, or "(nil)" */
  K_PERCENT,			/* 12.5% */
  K_FLAG,			/* 0 or 1 */
  K_NAME,			/* a string */
  K_SYMBOL			/* a string that may be a mangled name */
};

struct key
{
  const char *name;
  enum key_type type;
  size_t offset;
  bool required;
};

#define KEY(type, member, ktype, req)					\
  { #member, ktype, offsetof (struct type, member), req }

static const struct key site_keys[] =
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

static const struct key family_keys[] =
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

static const struct key target_keys[] =
{
  KEY (target, addr, K_ADDR, true),
  KEY (target, sym, K_SYMBOL, false),
  KEY (target, promoted, K_FLAG, false),
  KEY (target, samples, K_U64, true),
  KEY (target, share, K_PERCENT, false),
  { NULL, 0, 0, false }
};

static const struct key other_keys[] =
{
  { "samples", K_U64, offsetof (struct target_list, other_samples), true },
  { "share", K_PERCENT, offsetof (struct target_list, other_share), false },
  { NULL, 0, 0, false }
};

static const struct key object_keys[] =
{
  KEY (object, path, K_NAME, true),
  { "sites", K_U64, offsetof (struct object, declared), false },
  KEY (object, state, K_NAME, false),
  { NULL, 0, 0, false }
};

static const struct key process_keys[] =
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

static int
hex_digit (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
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
    if (q[1] != 'x' || hex_digit (q[2]) < 0 || hex_digit (q[3]) < 0
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
	*w++ = (char) (hex_digit (r[2]) * 16 + hex_digit (r[3]));
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
  if (hex_digit (*s) < 0 || hex_digit (*s) >= base || *end || errno)
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
      /* glibc's %p prints a null pointer as "(nil)".  */
      if (!strcmp (s, "(nil)"))
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
      *f = (struct family) { .tl.first = ntargets };
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
      targets[ntargets] = (struct target) { .sym = name_unknown };
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

static void
read_dump (const char *path)
{
  bool is_stdin = !strcmp (path, "-");
  FILE *f = is_stdin ? stdin : fopen (path, "r");
  if (!f)
    die ("%s: %s", path, strerror (errno));

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

/* ------------------------------------------------------------------ */
/* Selecting and sorting.  */

/* The miss rate as a fraction, or -1 when the site has no judged samples
   (it is not promoted, or has not been sampled since it was).  */
static double
miss_fraction (const struct site *s)
{
  uint64_t judged = s->hits + s->misses;
  return judged ? (double) s->misses / (double) judged : -1.0;
}

/* Calls that missed every promoted target, estimated.  Sampled miss
   counts do not compare across dumps taken with different sample
   periods; calls x rate does.  */
static double
missed_calls (const struct site *s)
{
  double f = miss_fraction (s);
  return f > 0 ? f * (double) s->calls : 0.0;
}

static bool
selected (struct site *s)
{
  if (opt_file && !strstr (s->file->text, opt_file))
    return false;
  if (opt_function && !strstr (shown (s->func), opt_function)
      && !strstr (s->func->text, opt_function))
    return false;
  if (opt_any_state)
    {
      for (size_t i = 0; i < NSTATES; i++)
	if (opt_states[i] && !strcmp (s->state->text, state_names[i]))
	  return true;
      return false;
    }
  return true;
}

#define CMP(a, b) (((a) > (b)) - ((a) < (b)))

static int
compare_sites (const void *pa, const void *pb)
{
  const struct site *a = *(const struct site *const *) pa;
  const struct site *b = *(const struct site *const *) pb;
  int c = 0;
  switch (opt_sort)
    {
    case SORT_CALLS:
      c = CMP (b->calls, a->calls);
      if (!c)
	c = CMP (b->samples, a->samples);
      break;
    case SORT_MISSES:
      c = CMP (missed_calls (b), missed_calls (a));
      if (!c)
	c = CMP (b->misses, a->misses);
      if (!c)
	c = CMP (b->calls, a->calls);
      break;
    case SORT_MISS_RATE:
      c = CMP (miss_fraction (b), miss_fraction (a));
      if (!c)
	c = CMP (b->calls, a->calls);
      break;
    case SORT_SAMPLES:
      c = CMP (b->samples, a->samples);
      if (!c)
	c = CMP (b->calls, a->calls);
      break;
    case SORT_LOCATION:
      c = strcmp (a->file->text, b->file->text);
      if (!c)
	c = CMP (a->line, b->line);
      if (!c)
	c = CMP (a->col, b->col);
      break;
    }
  /* Input order last: qsort is not stable, and output should be.  */
  return c ? c : CMP (a->seq, b->seq);
}

/* ------------------------------------------------------------------ */
/* The table.  */

enum
{
  C_RANK, C_CALLS, C_STATE, C_MISS, C_TARGETS, C_PROMO, C_LOCATION,
  C_FUNCTION, C_TOP, NCOLS
};

static const char *const col_heads[NCOLS] =
  { "RANK", "CALLS", "STATE", "MISS", "TARGETS", "PROM/REP", "LOCATION",
    "FUNCTION", "TOP TARGET" };
static const bool col_right[NCOLS] =
  { true, true, false, true, true, true, false, false, false };

/* Display width of UTF-8 text, one column per code point: right for the
   names programs have, without a locale's wcwidth tables.  */
static size_t
text_width (const char *s)
{
  size_t w = 0;
  for (; *s; s++)
    w += ((unsigned char) *s & 0xc0) != 0x80;
  return w;
}

/* The cells of row S (ranked RANK) into ROW.  A family's member has
   no targets of its own: it shows its family's, as it shows the
   family's counters.  */
static void
make_row (char **row, size_t rank, struct site *s)
{
  const struct target_list *tl
    = s->family != SIZE_MAX ? &families[s->family].tl : &s->tl;
  const struct target *top = NULL;
  size_t promoted = 0;
  for (size_t i = 0; i < tl->n; i++)
    {
      const struct target *t = &targets[tl->first + i];
      promoted += t->promoted;
      if (!top || t->samples > top->samples)
	top = t;
    }

  row[C_RANK] = xasprintf ("%zu", rank);
  row[C_CALLS] = xasprintf ("%" PRIu64, s->calls);
  row[C_STATE] = printable (s->state->text, 0);
  /* A rate over no judged samples would read as a perfect 0.0%.  */
  row[C_MISS] = s->hits + s->misses ? xasprintf ("%.1f%%", s->miss_rate)
				    : xstrdup ("-");
  row[C_TARGETS] = xasprintf ("%zu/%zu", promoted, tl->n);
  row[C_PROMO] = xasprintf ("%" PRIu64 "/%" PRIu64, s->promotions,
			    s->repatches);
  char *file = printable (s->file->text, 0);
  row[C_LOCATION] = xasprintf ("%s:%" PRIu64, file, s->line);
  free (file);
  row[C_FUNCTION] = printable (shown (s->func), 0);
  if (!top)
    row[C_TOP] = xstrdup ("-");
  else
    {
      /* An address the runtime could not name is worth more than "?".  */
      char *sym = strcmp (top->sym->text, "?")
		  ? printable (shown (top->sym), 0)
		  : xasprintf ("0x%" PRIx64, top->addr);
      row[C_TOP] = xasprintf ("%s (%.1f%%)", sym, top->share);
      free (sym);
    }
  /* Members repeat their family's numbers: say why.  */
  if (s->shared)
    {
      char *name = printable (s->shared->text, 0);
      char *cell = xasprintf ("%s [family %s]", row[C_TOP], name);
      free (name);
      free (row[C_TOP]);
      row[C_TOP] = cell;
    }
}

static void
print_table (struct site **rows, size_t n)
{
  char **cells = XNEWVEC (char *, (n + 1) * NCOLS);
  size_t width[NCOLS] = { 0 };

  for (int c = 0; c < NCOLS; c++)
    cells[c] = xstrdup (col_heads[c]);
  for (size_t i = 0; i < n; i++)
    make_row (cells + (i + 1) * NCOLS, i + 1, rows[i]);
  for (size_t i = 0; i < (n + 1) * NCOLS; i++)
    {
      size_t w = text_width (cells[i]);
      if (w > width[i % NCOLS])
	width[i % NCOLS] = w;
    }

  for (size_t i = 0; i <= n; i++)
    {
      for (int c = 0; c < NCOLS; c++)
	{
	  const char *s = cells[i * NCOLS + c];
	  int pad = (int) (width[c] - text_width (s));
	  if (c)
	    fputs ("  ", stdout);
	  if (col_right[c])
	    printf ("%*s%s", pad, "", s);
	  else if (c == NCOLS - 1)
	    fputs (s, stdout);	/* no trailing blanks */
	  else
	    printf ("%s%*s", s, pad, "");
	  free (cells[i * NCOLS + c]);
	}
      putchar ('\n');
    }
  free (cells);
}

/* ------------------------------------------------------------------ */
/* JSON.  */

/* A JSON string.  File names are bytes and JSON text is Unicode: a byte
   that is not part of valid UTF-8 becomes U+FFFD.  */
static void
json_string (const char *text)
{
  const unsigned char *s = (const unsigned char *) text;
  putchar ('"');
  while (*s)
    {
      size_t n = utf8_length (s);
      if (n == 0)
	{
	  fputs ("\\ufffd", stdout);
	  n = 1;
	}
      else if (n > 1)
	fwrite (s, 1, n, stdout);
      else if (*s == '"' || *s == '\\')
	printf ("\\%c", *s);
      else if (*s == '\n')
	fputs ("\\n", stdout);
      else if (*s == '\t')
	fputs ("\\t", stdout);
      else if (*s < 0x20)
	printf ("\\u%04x", *s);
      else
	putchar (*s);
      s += n;
    }
  putchar ('"');
}

/* The fields KEYS describe of the record at BASE, each as "KEY: VALUE"
   after ", " (after nothing for the first if FIRST).  A symbol comes as
   shown (demangled) and as KEY_raw; a name the dump did not give is
   null.  Addresses are strings: a JSON number cannot hold 64 bits
   exactly in most readers.  */
static void
json_fields (const struct key *keys, const void *base, bool first)
{
  for (const struct key *k = keys; k->name; k++, first = false)
    {
      const void *p = (const char *) base + k->offset;
      printf ("%s\"%s\": ", first ? "" : ", ", k->name);
      if ((k->type == K_NAME || k->type == K_SYMBOL)
	  && !*(struct name *const *) p)
	{
	  fputs ("null", stdout);
	  continue;
	}
      switch (k->type)
	{
	case K_U64:
	  printf ("%" PRIu64, *(const uint64_t *) p);
	  break;
	case K_ADDR:
	  printf ("\"0x%" PRIx64 "\"", *(const uint64_t *) p);
	  break;
	case K_PERCENT:
	  printf ("%.10g", *(const double *) p);
	  break;
	case K_FLAG:
	  fputs (*(const bool *) p ? "true" : "false", stdout);
	  break;
	case K_NAME:
	  json_string ((*(struct name *const *) p)->text);
	  break;
	case K_SYMBOL:
	  json_string (shown (*(struct name *const *) p));
	  printf (", \"%s_raw\": ", k->name);
	  json_string ((*(struct name *const *) p)->text);
	  break;
	}
    }
}

/* ", "targets": [...], "other": ..." for the lines of TL.  */
static void
json_targets (const struct target_list *tl)
{
  fputs (", \"targets\": [", stdout);
  for (size_t t = 0; t < tl->n; t++)
    {
      fputs (t ? ", {" : "{", stdout);
      json_fields (target_keys, &targets[tl->first + t], true);
      putchar ('}');
    }
  fputs ("], \"other\": ", stdout);
  if (tl->has_other)
    {
      putchar ('{');
      json_fields (other_keys, tl, true);
      putchar ('}');
    }
  else
    fputs ("null", stdout);
}

/* One site object a line, so that the output also greps well.  */
static void
print_json (struct site **rows, size_t n)
{
  putchar ('[');
  for (size_t i = 0; i < n; i++)
    {
      const struct site *s = rows[i];
      const struct object *o = &objects[s->object];
      const struct dump *d = &dumps[o->dump];

      printf ("%s\n  {\"rank\": %zu, \"dump\": ", i ? "," : "", i + 1);
      json_string (d->source);
      fputs (", \"pid\": ", stdout);
      if (d->has_pid)
	printf ("%" PRIu64, d->pid);
      else
	fputs ("null", stdout);
      fputs (", \"exe\": ", stdout);
      if (d->exe)
	json_string (d->exe->text);
      else
	fputs ("null", stdout);
      fputs (", \"object\": ", stdout);
      json_string (o->path->text);
      fputs (", \"object_state\": ", stdout);
      json_string (o->state->text);
      json_fields (site_keys, s, false);
      json_targets (&s->tl);
      /* The member's family, in full with each member: the rows are
	 sorted and filtered one by one, and a family name is unique only
	 within one object.  */
      fputs (", \"family\": ", stdout);
      if (s->family != SIZE_MAX)
	{
	  const struct family *f = &families[s->family];
	  putchar ('{');
	  json_fields (family_keys, f, true);
	  json_targets (&f->tl);
	  putchar ('}');
	}
      else
	fputs ("null", stdout);
      putchar ('}');
    }
  fputs (n ? "\n]\n" : "]\n", stdout);
}

/* ------------------------------------------------------------------ */
/* The command line.  */

static void
usage (void)
{
  printf ("\
Usage: %s [OPTION]... DUMP...\n\
Summarise dynpromote statistics dumps (DYNPROMOTE_STATS=FILE, format v%d):\n\
print the busiest indirect-call sites.  DUMP '-' is standard input.\n\
\n\
  --sort=KEY         order of the sites (default calls):\n\
                       calls      estimated calls, most first\n\
                       misses     estimated calls that missed every\n\
                                  promoted target (calls x miss rate)\n\
                       miss-rate  miss rate of promoted sites, highest first\n\
                       samples    sampled calls, most first\n\
                       location   by file, line and column\n\
  --top=N            show the first N sites (default 20; 0 shows all)\n\
  --file=TEXT        only sites whose file name contains TEXT\n\
  --function=TEXT    only sites whose function name, demangled or as\n\
                     written, contains TEXT\n\
  --state=STATE[,STATE]...\n\
                     only sites in one of these states: idle, learning,\n\
                     promoted, megamorphic, predicted, unreachable,\n\
                     nomem, off\n\
  --json             a JSON array of site objects with every field of the\n\
                     dump (symbols demangled, and raw as KEY_raw); the\n\
                     member of a shared family also carries the family's\n\
                     record, with its targets, as \"family\"\n\
  --no-demangle      show C++ names as the dump writes them\n\
  --help             print this help and exit\n\
  --version          print the version and exit\n\
\n\
Columns: RANK; CALLS (estimated); STATE; MISS (miss rate of a promoted\n\
site, '-' without samples since promotion); TARGETS (promoted/seen);\n\
PROM/REP (promotions/re-patches); LOCATION (file:line); FUNCTION;\n\
TOP TARGET (the most sampled, with its share of the samples).  The\n\
member of a shared family shows the family's targets, and [family NAME].\n\
\n\
Exit status: 0 on success, 2 for a bad option, an unreadable file or a\n\
malformed dump.\n", PROGRAM_NAME, FORMAT_VERSION);
}

enum
{
  OPT_SORT = 256, OPT_TOP, OPT_FILE, OPT_FUNCTION, OPT_STATE, OPT_JSON,
  OPT_NO_DEMANGLE, OPT_HELP, OPT_VERSION
};

static const struct option long_options[] =
{
  { "sort", required_argument, NULL, OPT_SORT },
  { "top", required_argument, NULL, OPT_TOP },
  { "file", required_argument, NULL, OPT_FILE },
  { "function", required_argument, NULL, OPT_FUNCTION },
  { "state", required_argument, NULL, OPT_STATE },
  { "json", no_argument, NULL, OPT_JSON },
  { "no-demangle", no_argument, NULL, OPT_NO_DEMANGLE },
  { "help", no_argument, NULL, OPT_HELP },
  { "version", no_argument, NULL, OPT_VERSION },
  { NULL, 0, NULL, 0 }
};

static const char *
option_name (int val)
{
  for (const struct option *o = long_options; o->name; o++)
    if (o->val == val)
      return o->name;
  return "?";
}

/* True if PREFIX abbreviates several long options: getopt_long reports
   that like an unknown option.  */
static bool
ambiguous (const char *prefix)
{
  int n = 0;
  for (const struct option *o = long_options; o->name; o++)
    n += !strncmp (o->name, prefix, strlen (prefix));
  return n > 1;
}

/* The index of ARG in the N strings of LIST, or N.  */
static size_t
lookup (const char *arg, const char *const *list, size_t n)
{
  size_t i = 0;
  while (i < n && strcmp (arg, list[i]))
    i++;
  return i;
}

static void
parse_state_list (const char *arg)
{
  char *copy = xstrdup (arg);
  char *save = NULL;
  memset (opt_states, 0, sizeof opt_states);
  opt_any_state = false;
  for (char *s = strtok_r (copy, ",", &save); s;
       s = strtok_r (NULL, ",", &save))
    {
      size_t i = lookup (s, state_names, NSTATES);
      if (i == NSTATES)
	usage_error ("invalid --state value '%s' (expected idle, learning, "
		     "promoted, megamorphic, predicted, unreachable, nomem "
		     "or off)", printable (s, 80));
      opt_states[i] = opt_any_state = true;
    }
  if (!opt_any_state)
    usage_error ("invalid --state value '%s' (expected a state)",
		 printable (arg, 80));
  free (copy);
}

static void
parse_options (int argc, char **argv)
{
  int c;
  /* Our own messages instead of getopt's: one line, exit status 2.  The
     leading ':' tells a missing value from an unknown option.  */
  opterr = 0;
  while ((c = getopt_long (argc, argv, ":", long_options, NULL)) != -1)
    switch (c)
      {
      case OPT_SORT:
	{
	  size_t i = lookup (optarg, sort_names, NSORTS);
	  if (i == NSORTS)
	    usage_error ("invalid --sort value '%s' (expected calls, misses, "
			 "miss-rate, samples or location)",
			 printable (optarg, 80));
	  opt_sort = (enum sort_key) i;
	  break;
	}
      case OPT_TOP:
	{
	  char *end;
	  errno = 0;
	  unsigned long long v = strtoull (optarg, &end, 10);
	  if (optarg[0] < '0' || optarg[0] > '9' || *end || errno
	      || v > SIZE_MAX)
	    usage_error ("invalid --top value '%s' (expected a number, 0 for "
			 "all)", printable (optarg, 80));
	  opt_top = (size_t) v;
	  break;
	}
      case OPT_FILE:
      case OPT_FUNCTION:
	/* Usually an empty shell variable: matching everything would
	   hide that.  */
	if (!*optarg)
	  usage_error ("empty --%s value", option_name (c));
	*(c == OPT_FILE ? &opt_file : &opt_function) = optarg;
	break;
      case OPT_STATE:
	parse_state_list (optarg);
	break;
      case OPT_JSON:
	opt_json = true;
	break;
      case OPT_NO_DEMANGLE:
	opt_demangle = false;
	break;
      case OPT_HELP:
	usage ();
	exit (EXIT_SUCCESS);
      case OPT_VERSION:
	printf ("%s (dynpromote) %s\n", PROGRAM_NAME, PACKAGE_VERSION);
	exit (EXIT_SUCCESS);
      case ':':
	usage_error ("option '--%s' requires a value", option_name (optopt));
      default:
	{
	  /* getopt_long leaves the culprit in argv[optind - 1]; for
	     "--json=x", optopt is the option that takes no value.  */
	  char *p = printable (argv[optind - 1], 80);
	  p[strcspn (p, "=")] = '\0';
	  if (optopt >= OPT_SORT)
	    usage_error ("option '--%s' takes no value", option_name (optopt));
	  if (optopt)
	    usage_error ("unknown option '-%c'", optopt);
	  if (!strncmp (p, "--", 2) && ambiguous (p + 2))
	    usage_error ("ambiguous option '%s'", p);
	  usage_error ("unknown option '%s'", p);
	}
      }
  if (optind == argc)
    usage_error ("no dump given (use '-' for standard input)");
}

int
main (int argc, char **argv)
{
  xmalloc_set_program_name (PROGRAM_NAME);
  parse_options (argc, argv);

  names = htab_create_alloc (1024, name_hash, name_eq, NULL, xcalloc, free);
  name_call = intern ("call");
  name_loaded = intern ("loaded");
  name_unknown = intern ("?");
  for (int i = optind; i < argc; i++)
    read_dump (argv[i]);

  struct site **rows = XNEWVEC (struct site *, nsites + 1);
  size_t n = 0;
  for (size_t i = 0; i < nsites; i++)
    if (selected (&sites[i]))
      rows[n++] = &sites[i];
  qsort (rows, n, sizeof *rows, compare_sites);
  if (opt_top && n > opt_top)
    n = opt_top;

  if (opt_json)
    print_json (rows, n);
  else
    print_table (rows, n);
  free (rows);

  /* A full disk must not pass for success.  */
  if (fflush (stdout) != 0 || ferror (stdout))
    die ("write error: %s", strerror (errno));
  return EXIT_SUCCESS;
}
