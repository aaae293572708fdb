/* stats.h - dynpromote-stats: what the dumps hold, and what each file of
   the tool offers the others.

   read.c   the format reader: lines, fields and records of format v1
            into the vectors below (the key tables drive it and json.c)
   names.c  interned strings and C++ demangling
   diag.c   one-line messages, and text made safe to show
   table.c  the aligned table
   json.c   the JSON array
   merge.c  --merge: dumps added up into one profile
   main.c   options, selecting and sorting sites, and main  */

#ifndef DYNPROMOTE_STATS_H
#define DYNPROMOTE_STATS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <libiberty/libiberty.h>

#define PROGRAM_NAME "dynpromote-stats"

/* As for diff and grep, 2 means trouble: every error exits with it.  */
#define EXIT_TROUBLE 2

/* The dump format version this tool reads.  */
#define FORMAT_VERSION 1

/* ------------------------------------------------------------------ */
/* What the dumps hold (read.c fills the vectors, in input order).  */

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
  struct name *build_id;	/* NULL when the dump has none */
  uint64_t abi;
  uint64_t declared;		/* its sites=, UINT64_MAX if absent */
  size_t nsites;		/* site lines that followed it */
  size_t first_family;		/* its shared records are contiguous */
  unsigned long lineno;		/* of the object line, for the warning */
};

/* A target's off= when its line has none.  */
#define NO_OFFSET UINT64_MAX

struct target
{
  uint64_t addr, samples;
  uint64_t off;			/* in its site's object, or NO_OFFSET */
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
  size_t object;		/* the object whose record it is */
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

extern struct dump *dumps;
extern size_t ndumps;
extern struct object *objects;
extern size_t nobjects;
extern struct site *sites;
extern size_t nsites;
extern struct family *families;
extern size_t nfamilies;
extern struct target *targets;
extern size_t ntargets;

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
/* The keys of each record: one table drives both parsing (read.c) and
   JSON (json.c), so the JSON objects carry every field the tool knows,
   under the dump's own key names.  */

enum key_type
{
  K_U64,			/* decimal */
  K_ADDR,			/* 0xHEX, or "(nil)" */
  K_OFFSET,			/* 0xHEX; NO_OFFSET when absent */
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

extern const struct key site_keys[], family_keys[], target_keys[],
  other_keys[], object_keys[], process_keys[];

/* read.c.  */
void read_dump (const char *path);

/* names.c.  */
extern bool show_demangled;	/* false: --no-demangle */
void names_init (void);
struct name *intern (const char *text);
const char *shown (struct name *n);

/* diag.c: each message is one line on standard error.  */

/* Where the reader is, for messages.  */
struct input
{
  const char *source;
  unsigned long lineno;
};

void die (const char *fmt, ...)
  __attribute__ ((noreturn, format (printf, 1, 2)));
void die_at (const struct input *in, const char *fmt, ...)
  __attribute__ ((noreturn, format (printf, 2, 3)));
void warn_at (const struct input *in, const char *fmt, ...)
  __attribute__ ((format (printf, 2, 3)));
void usage_error (const char *fmt, ...)
  __attribute__ ((noreturn, format (printf, 1, 2)));
size_t utf8_length (const unsigned char *s);
char *printable (const char *s, size_t max);

/* merge.c: --merge.  */
void write_merged (const char *out);

/* table.c and json.c: the N sites of ROWS, in order.  */
void print_table (struct site **rows, size_t n);
void print_json (struct site **rows, size_t n);

#endif /* DYNPROMOTE_STATS_H */
