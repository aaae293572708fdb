/* main.c - dynpromote-stats: summarise dynpromote statistics dumps.

   Reads one or more dumps written by the runtime (DYNPROMOTE_STATS=FILE,
   format v1, described in runtime/stats.c) and prints the busiest call
   sites as an aligned table, or as JSON.  C++ assembler names are
   demangled with libiberty's demangler, the one binutils uses.

   The work is one pass over the input (read.c) plus one sort (here):
   this file holds the options, which sites are shown and in what order,
   and main; stats.h lists the other files.  */

#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stats.h"

#ifndef PACKAGE_VERSION
# define PACKAGE_VERSION "unknown"
#endif

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

/* The site kinds of the dump (kind=), the values --kind accepts.  */
static const char *const kind_names[] = { "call", "sibcall", "jump" };
#define NKINDS (sizeof kind_names / sizeof kind_names[0])

static enum sort_key opt_sort = SORT_CALLS;
static size_t opt_top = 20;
static const char *opt_file;
static const char *opt_function;
static bool opt_states[NSTATES];
static bool opt_any_state;
static bool opt_kinds[NKINDS];
static bool opt_any_kind;
static bool opt_json;
static bool opt_merge;
static const char *opt_output;
/* Whether an option that shapes the table or JSON was given.  */
static bool opt_shaping;

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

static size_t lookup (const char *arg, const char *const *list, size_t n);

static bool
selected (struct site *s)
{
  if (opt_file && !strstr (s->file->text, opt_file))
    return false;
  if (opt_function && !strstr (shown (s->func), opt_function)
      && !strstr (s->func->text, opt_function))
    return false;
  if (opt_any_kind)
    {
      /* A kind this tool does not know (a newer dump) is none of them.  */
      size_t k = lookup (s->kind->text, kind_names, NKINDS);
      if (k == NKINDS || !opt_kinds[k])
	return false;
    }
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
  --kind=KIND[,KIND]...\n\
                     only sites of these kinds: call, sibcall, jump (an\n\
                     indirect jump: computed goto or jump table)\n\
  --json             a JSON array of site objects with every field of the\n\
                     dump (symbols demangled, and raw as KEY_raw); the\n\
                     member of a shared family also carries the family's\n\
                     record, with its targets, as \"family\"\n\
  --no-demangle      show C++ names as the dump writes them\n\
  --merge -o PROFILE add the dumps up into one profile, a dump itself\n\
                     (sites by object build-id or path and id, targets\n\
                     by name: addresses differ from run to run), written\n\
                     through a temporary file renamed over PROFILE\n\
                     ('-': standard output)\n\
  --help             print this help and exit\n\
  --version          print the version and exit\n\
\n\
Columns: RANK; CALLS (estimated); STATE; MISS (miss rate of a promoted\n\
site, '-' without samples since promotion); TARGETS (promoted/seen);\n\
PROM/REP (promotions/re-patches); LOCATION (file:line); FUNCTION\n\
([jump] after it for an indirect jump site);\n\
TOP TARGET (the most sampled, with its share of the samples).  The\n\
member of a shared family shows the family's targets, and [family NAME].\n\
\n\
Exit status: 0 on success, 2 for a bad option, an unreadable file or a\n\
malformed dump.\n", PROGRAM_NAME, FORMAT_VERSION);
}

enum
{
  OPT_SORT = 256, OPT_TOP, OPT_FILE, OPT_FUNCTION, OPT_STATE, OPT_KIND, OPT_JSON,
  OPT_NO_DEMANGLE, OPT_MERGE, OPT_HELP, OPT_VERSION
};

static const struct option long_options[] =
{
  { "sort", required_argument, NULL, OPT_SORT },
  { "top", required_argument, NULL, OPT_TOP },
  { "file", required_argument, NULL, OPT_FILE },
  { "function", required_argument, NULL, OPT_FUNCTION },
  { "state", required_argument, NULL, OPT_STATE },
  { "kind", required_argument, NULL, OPT_KIND },
  { "json", no_argument, NULL, OPT_JSON },
  { "no-demangle", no_argument, NULL, OPT_NO_DEMANGLE },
  { "merge", no_argument, NULL, OPT_MERGE },
  { "output", required_argument, NULL, 'o' },
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

/* Parse the comma-separated words of --OPTION's value ARG, each one of
   the N NAMES, into CHOSEN; *ANY says whether any was.  EXPECTED lists
   the names for the error, WHAT says what one is.  */
static void
parse_name_list (const char *option, const char *arg,
		 const char *const *names, size_t n, bool *chosen, bool *any,
		 const char *expected, const char *what)
{
  char *copy = xstrdup (arg);
  char *save = NULL;
  memset (chosen, 0, n * sizeof *chosen);
  *any = false;
  for (char *s = strtok_r (copy, ",", &save); s;
       s = strtok_r (NULL, ",", &save))
    {
      size_t i = lookup (s, names, n);
      if (i == n)
	usage_error ("invalid --%s value '%s' (expected %s)", option,
		     printable (s, 80), expected);
      chosen[i] = *any = true;
    }
  if (!*any)
    usage_error ("invalid --%s value '%s' (expected %s)", option,
		 printable (arg, 80), what);
  free (copy);
}

/* C, having noted whether it shapes the table or JSON (which --merge
   takes no part of).  */
static int
noted_option (int c)
{
  if (c != OPT_MERGE && c != 'o' && c != OPT_HELP && c != OPT_VERSION)
    opt_shaping = true;
  return c;
}

static void
parse_options (int argc, char **argv)
{
  int c;
  /* Our own messages instead of getopt's: one line, exit status 2.  The
     leading ':' tells a missing value from an unknown option.  */
  opterr = 0;
  while ((c = getopt_long (argc, argv, ":o:", long_options, NULL)) != -1)
    switch (noted_option (c))
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
	parse_name_list ("state", optarg, state_names, NSTATES, opt_states,
			 &opt_any_state, "idle, learning, promoted, megamorphic,"
			 " predicted, unreachable, nomem or off", "a state");
	break;
      case OPT_KIND:
	parse_name_list ("kind", optarg, kind_names, NKINDS, opt_kinds,
			 &opt_any_kind, "call, sibcall or jump", "a kind");
	break;
      case OPT_JSON:
	opt_json = true;
	break;
      case OPT_NO_DEMANGLE:
	show_demangled = false;
	break;
      case OPT_MERGE:
	opt_merge = true;
	break;
      case 'o':
	if (!*optarg)
	  usage_error ("empty --output value");
	opt_output = optarg;
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
  if (opt_merge && !opt_output)
    usage_error ("--merge needs -o PROFILE (or -o - for standard output)");
  if (opt_output && !opt_merge)
    usage_error ("-o is for --merge");
  if (opt_merge && opt_shaping)
    usage_error ("--merge takes no other option than -o");
}

int
main (int argc, char **argv)
{
  xmalloc_set_program_name (PROGRAM_NAME);
  parse_options (argc, argv);

  names_init ();
  for (int i = optind; i < argc; i++)
    read_dump (argv[i]);
  if (opt_merge)
    {
      write_merged (opt_output);
      return EXIT_SUCCESS;
    }

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
