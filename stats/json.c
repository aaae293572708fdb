/* json.c - the sites as a JSON array, one site object a line, with
   every field the tool knows (the key tables of stats.h) under the
   dump's own key names; a member of a shared family carries its
   family's record, targets included, as "family".  */

#define _GNU_SOURCE
#include <inttypes.h>
#include <stdio.h>

#include "stats.h"

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
      if (((k->type == K_NAME || k->type == K_SYMBOL)
	   && !*(struct name *const *) p)
	  || (k->type == K_OFFSET && *(const uint64_t *) p == NO_OFFSET))
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
	case K_OFFSET:
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
void
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
