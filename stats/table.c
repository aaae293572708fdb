/* table.c - the sites as an aligned table, one row a site.

   A member of a shared family has no targets of its own: its row shows
   its family's, as it shows the family's counters, and says
   [family NAME].  */

#define _GNU_SOURCE
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stats.h"

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
  /* A jump's targets are labels of its own function.  */
  if (!strcmp (s->kind->text, "jump"))
    {
      char *cell = xasprintf ("%s [jump]", row[C_FUNCTION]);
      free (row[C_FUNCTION]);
      row[C_FUNCTION] = cell;
    }
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

void
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
