/* Purpose: the dump's object line carries the object's GNU build-id
   (build_id=HEX), read from its notes as mapped: the program finds its
   own build-id with dl_iterate_phdr and checks the line has exactly
   that.  A profile (issue 17) matches objects by it.  Twin:
   stats-build-id-none.c, linked without a build-id: no build_id key.  */
/* { dg-do run } */

#define _GNU_SOURCE
#include <elf.h>
#include <link.h>
#include "dp-test.h"

#ifndef EXPECT_NONE
# define EXPECT_NONE 0
#endif

typedef int (*fn) (int);
NOIPA static int one (int x) { return x + 1; }
NOIPA int call (fn f, int x) { return f (x); }

static char own_id[129];

static int
find_own_id (struct dl_phdr_info *info, size_t size, void *data)
{
  (void) size;
  (void) data;
  for (int i = 0; i < info->dlpi_phnum; i++)
    {
      const ElfW (Phdr) *ph = &info->dlpi_phdr[i];
      if (ph->p_type != PT_NOTE)
	continue;
      const unsigned char *p
	= (const unsigned char *) (info->dlpi_addr + ph->p_vaddr);
      const unsigned char *end = p + ph->p_filesz;
      while (p + sizeof (ElfW (Nhdr)) <= end)
	{
	  const ElfW (Nhdr) *n = (const ElfW (Nhdr) *) p;
	  const unsigned char *desc = p + sizeof *n + ((n->n_namesz + 3) & ~3u);
	  if (n->n_type == NT_GNU_BUILD_ID && n->n_namesz == 4)
	    for (unsigned j = 0; j < n->n_descsz && j < 64; j++)
	      sprintf (own_id + 2 * j, "%02x", desc[j]);
	  p = desc + ((n->n_descsz + 3) & ~3u);
	}
    }
  return 1;			/* The first object is the program.  */
}

int
main (void)
{
  CHECK (call (HIDE (one), 1) == 2);
  dl_iterate_phdr (find_own_id, NULL);
  CHECK (EXPECT_NONE ? own_id[0] == 0 : strlen (own_id) >= 16);
  char *stats = dp_stats_now ();
  const char *line = strstr (stats, "\nobject ");
  CHECK (line != NULL);
  const char *eol = strchr (line + 1, '\n');
  const char *key = strstr (line, " build_id=");
  if (EXPECT_NONE)
    CHECK (!key || key > eol);
  else
    {
      CHECK (key && key < eol);
      key += strlen (" build_id=");
      CHECK ((size_t) (eol - key) == strlen (own_id));
      CHECK (!strncmp (key, own_id, strlen (own_id)));
    }
  free (stats);
  puts ("build-id ok");
  return 0;
}

/* { dg-output "build-id ok" } */
/* { dg-final { scan-stats {^object path=\S+ abi=\d+ sites=1 state=loaded build_id=[0-9a-f]{16,}$} } } */
