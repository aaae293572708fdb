/* names.c - every string of a dump, interned, and demangled on first
   use.

   A dump of many sites sharing a few file and function names costs one
   copy and one demangling per distinct name, not one per site: names
   are compared as pointers, and demangled (with libiberty's demangler,
   the one binutils uses) only when shown.  */

#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>

#include <libiberty/demangle.h>
#include <libiberty/hashtab.h>

#include "stats.h"

static htab_t names;

bool show_demangled = true;

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

/* Before the first intern.  */
void
names_init (void)
{
  names = htab_create_alloc (1024, name_hash, name_eq, NULL, xcalloc, free);
}

struct name *
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
const char *
shown (struct name *n)
{
  if (!show_demangled)
    return n->text;
  if (!n->demangle_tried)
    {
      n->demangled = demangle_text (n->text);
      n->demangle_tried = true;
    }
  return n->demangled ? n->demangled : n->text;
}
