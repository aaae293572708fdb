/* diag.c - dynpromote-stats' messages, and text made safe to show.

   Every message is one line on standard error, "dynpromote-stats: ",
   then FILE:LINE: when it is about a line of a dump; every error exits
   with EXIT_TROUBLE.  Names from a dump are bytes: printable makes them
   fit for a message or a table cell.  */

#define _GNU_SOURCE
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stats.h"

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

void
die (const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  vdiag (DIAG_ERROR, NULL, fmt, ap);
  va_end (ap);
  exit (EXIT_TROUBLE);
}

void
die_at (const struct input *in, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  vdiag (DIAG_ERROR, in, fmt, ap);
  va_end (ap);
  exit (EXIT_TROUBLE);
}

void
warn_at (const struct input *in, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  vdiag (DIAG_WARNING, in, fmt, ap);
  va_end (ap);
}

void
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
size_t
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
char *
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
