/* symbolize.c - name the functions the dump lists as targets.

   dladdr only sees exported dynamic symbols, and most indirect-call
   targets are static functions.  libelf (elfutils) reads the full .symtab
   of each loaded object's file, so targets get their real names whenever
   the file is not stripped; dladdr is the fallback.  Symbol tables are
   cached for the duration of one dump; callers hold the stats lock.

   The shared runtime loads libelf (and with it libz) only when a dump
   first needs a name, with dlopen: linked in, the two cost every
   process ~170 KiB of resident memory and their relocations at start,
   for a dump most runs never write.  The static runtime calls libelf
   directly (pkg-config --static lists it).

   Objects are found with dladdr1, which takes the dynamic linker's
   dl_load_lock; glibc re-initialises that lock in a forked child, but not
   dl_load_write_lock, which dl_iterate_phdr takes: a child forked while
   another thread was in dl_iterate_phdr or dlopen would hang there.  So
   dl_iterate_phdr is used only at registration (dp_object_code_range)
   and in static executables, where dladdr1 knows nothing.

   Owns: the symbol tables read for the dump, and an object's path and
   code range.

   May not: call any other file of the runtime.  */

#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <gelf.h>
#include <inttypes.h>
#include <libelf.h>
#include <limits.h>
#include <link.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dp-runtime.h"

struct dp_symbol
{
  uintptr_t start;              /* run-time address */
  uintptr_t size;
  char *name;
};

struct dp_symtab
{
  struct dp_symtab *next;
  uintptr_t base;
  struct dp_symbol *syms;
  size_t count;
  /* By name, for profiles (dp_symbol_address): an open-addressing
     table of indices + 1 into SYMS, 0 empty; made on the first lookup.  */
  uint32_t *by_name;
  size_t by_name_size;
  int by_address;           /* SYMS sorted by address (dp_symbolize).  */
};

static struct dp_symtab *dp_symtabs;

/* The libelf functions symbolize.c uses.  */
static struct
{
  int tried, ok;
  unsigned (*version) (unsigned);
  Elf *(*begin) (int, Elf_Cmd, Elf *);
  Elf_Scn *(*nextscn) (Elf *, Elf_Scn *);
  GElf_Shdr *(*getshdr) (Elf_Scn *, GElf_Shdr *);
  GElf_Ehdr *(*getehdr) (Elf *, GElf_Ehdr *);
  Elf_Data *(*getdata) (Elf_Scn *, Elf_Data *);
  GElf_Sym *(*getsym) (Elf_Data *, int, GElf_Sym *);
  char *(*strptr) (Elf *, size_t, size_t);
  int (*end) (Elf *);
} dp_elf;

/* Fill dp_elf once; false if libelf cannot be had.  */
static int
dp_libelf (void)
{
  if (dp_elf.tried)
    return dp_elf.ok;
  dp_elf.tried = 1;
#ifdef PIC
  void *h = dlopen ("libelf.so.1", RTLD_NOW | RTLD_LOCAL);
  if (!h)
    return 0;
# define DP_ELF_SYM(field, name) \
  *(void **) &dp_elf.field = dlsym (h, #name); \
  if (!dp_elf.field) \
    return 0;
#else
# define DP_ELF_SYM(field, name) dp_elf.field = name;
#endif
  DP_ELF_SYM (version, elf_version)
  DP_ELF_SYM (begin, elf_begin)
  DP_ELF_SYM (nextscn, elf_nextscn)
  DP_ELF_SYM (getshdr, gelf_getshdr)
  DP_ELF_SYM (getehdr, gelf_getehdr)
  DP_ELF_SYM (getdata, elf_getdata)
  DP_ELF_SYM (getsym, gelf_getsym)
  DP_ELF_SYM (strptr, elf_strptr)
  DP_ELF_SYM (end, elf_end)
#undef DP_ELF_SYM
  dp_elf.ok = dp_elf.version (EV_CURRENT) != EV_NONE;
  return dp_elf.ok;
}

/* Where the object holding an address is: its file (empty for the main
   program) and load bias.  */
struct dp_where
{
  const char *name;
  uintptr_t bias;
  int main_program;
};

/* One walk of dl_iterate_phdr: the object whose PT_LOAD segments hold
   ADDR, with its name, bias, place in the list (0: the main program) and
   the range its segments span.  */
struct dp_phdr_query
{
  uintptr_t addr;
  struct dp_where *where;
  uintptr_t lo, hi;
  int index, found;
  const void *phdr;
  int phnum;
};

static int
dp_phdr_cb (struct dl_phdr_info *info, size_t size, void *data)
{
  struct dp_phdr_query *q = data;
  (void) size;
  int index = q->index++;
  uintptr_t lo = UINTPTR_MAX, hi = 0;
  int holds = 0;
  for (int i = 0; i < info->dlpi_phnum; i++)
    {
      const ElfW (Phdr) *ph = &info->dlpi_phdr[i];
      if (ph->p_type != PT_LOAD)
	continue;
      uintptr_t a = info->dlpi_addr + ph->p_vaddr;
      holds |= q->addr >= a && q->addr < a + ph->p_memsz;
      if (a < lo)
	lo = a;
      if (a + ph->p_memsz > hi)
	hi = a + ph->p_memsz;
    }
  if (!holds)
    return 0;
  q->where->name = info->dlpi_name ? info->dlpi_name : "";
  q->where->bias = info->dlpi_addr;
  q->where->main_program = index == 0;
  q->lo = lo;
  q->hi = hi;
  q->phdr = info->dlpi_phdr;
  q->phnum = info->dlpi_phnum;
  q->found = 1;
  return 1;
}

/* Find the object holding ADDR with dladdr1; with dl_iterate_phdr only in
   a static executable, which has no link maps (there, nothing is ever
   dlopened, so the lock is never held by another thread at fork).  An
   address in no object (an unloaded one) is simply not found.  */
static int
dp_find_object (const void *addr, struct dp_where *where)
{
  static int dynamic = -1;
  Dl_info info;
  struct link_map *map = NULL;
  if (dynamic < 0)
    dynamic = dladdr1 ((void *) dp_find_object, &info, (void **) &map,
		       RTLD_DL_LINKMAP) != 0 && map != NULL;
  map = NULL;
  if (dladdr1 (addr, &info, (void **) &map, RTLD_DL_LINKMAP) && map)
    {
      where->name = map->l_name ? map->l_name : "";
      where->bias = map->l_addr;
      where->main_program = !where->name[0];
      return 1;
    }
  if (dynamic)
    return 0;
  struct dp_phdr_query q = { (uintptr_t) addr, where, 0, 0, 0, 0, NULL,
			     0 };
  dl_iterate_phdr (dp_phdr_cb, &q);
  return q.found;
}

/* The file of the object containing ADDR, or "?".  */
const char *
dp_object_path (const void *addr, char *buf, size_t size)
{
  struct dp_where where;
  if (!dp_find_object (addr, &where))
    snprintf (buf, size, "?");
  else if (where.name[0])
    snprintf (buf, size, "%s", where.name);
  else
    {
      ssize_t len = readlink ("/proc/self/exe", buf, size - 1);
      buf[len > 0 ? len : 0] = '\0';
      if (len <= 0)
	snprintf (buf, size, "?");
    }
  return buf;
}

/* True if ADDR is in the main program, whose link map has no name.  */
int
dp_in_main_program (const void *addr)
{
  struct dp_where where;
  return dp_find_object (addr, &where) && where.main_program;
}

/* The address range, load bias and program headers of OBJ (the loaded
   object holding its site records).  Only from registration (a
   constructor): see the header comment.  */
void
dp_object_code_range (struct dp_object *obj)
{
  struct dp_where where = { "", 0, 0 };
  struct dp_phdr_query q = { (uintptr_t) obj->begin, &where, 0, 0, 0, 0,
			     NULL, 0 };
  dl_iterate_phdr (dp_phdr_cb, &q);
  if (!q.found)
    q.lo = q.hi = (uintptr_t) obj->begin;
  obj->code_lo = q.lo;
  obj->code_hi = q.hi;
  obj->bias = where.bias;
  obj->phdr = q.phdr;
  obj->phnum = q.phnum;
}

/* The GNU build-id of OBJ, in hex, into HEX (SIZE bytes): from its
   notes as they are mapped, not from its file, which may have been
   replaced since it was loaded.  "" without one.  */
const char *
dp_object_build_id (const struct dp_object *obj, char *hex, size_t size)
{
  hex[0] = '\0';
  const ElfW (Phdr) *phdr = obj->phdr;
  for (int i = 0; phdr && i < obj->phnum; i++)
    {
      if (phdr[i].p_type != PT_NOTE)
	continue;
      const unsigned char *p
	= (const unsigned char *) (obj->bias + phdr[i].p_vaddr);
      const unsigned char *end = p + phdr[i].p_filesz;
      while (p + sizeof (ElfW (Nhdr)) <= end)
	{
	  const ElfW (Nhdr) *n = (const ElfW (Nhdr) *) p;
	  const unsigned char *name = p + sizeof *n;
	  const unsigned char *desc = name + ((n->n_namesz + 3) & ~3u);
	  if (desc + n->n_descsz > end)
	    break;
	  if (n->n_type == NT_GNU_BUILD_ID && n->n_namesz == 4
	      && !memcmp (name, "GNU", 4) && 2 * n->n_descsz < size)
	    {
	      for (unsigned j = 0; j < n->n_descsz; j++)
		snprintf (hex + 2 * j, 3, "%02x", desc[j]);
	      return hex;
	    }
	  p = desc + ((n->n_descsz + 3) & ~3u);
	}
    }
  return hex;
}

static int
dp_symbol_order (const void *a, const void *b)
{
  const struct dp_symbol *x = a, *y = b;
  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  return 0;
}

/* Read the function symbols of PATH, loaded at BASE.  */
static struct dp_symtab *
dp_load_symtab (const char *path, uintptr_t base)
{
  struct dp_symtab *tab = calloc (1, sizeof *tab);
  if (!tab)
    return NULL;
  tab->base = base;

  int fd = -1;
  if (!dp_libelf ())
    goto out;
  fd = open (path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    goto out;
  Elf *elf = dp_elf.begin (fd, ELF_C_READ, NULL);
  if (!elf)
    goto out;

  /* Prefer the full .symtab; fall back on .dynsym.  */
  Elf_Scn *chosen = NULL;
  GElf_Shdr chosen_hdr = { 0 };
  for (Elf_Scn *scn = dp_elf.nextscn (elf, NULL); scn;
       scn = dp_elf.nextscn (elf, scn))
    {
      GElf_Shdr hdr;
      if (!dp_elf.getshdr (scn, &hdr))
	continue;
      if (hdr.sh_type == SHT_SYMTAB
	  || (hdr.sh_type == SHT_DYNSYM && !chosen))
	{
	  chosen = scn;
	  chosen_hdr = hdr;
	}
    }
  GElf_Ehdr ehdr;
  if (chosen && dp_elf.getehdr (elf, &ehdr))
    {
      Elf_Data *data = dp_elf.getdata (chosen, NULL);
      size_t n = chosen_hdr.sh_entsize ? chosen_hdr.sh_size
					   / chosen_hdr.sh_entsize : 0;
      tab->syms = calloc (n ? n : 1, sizeof *tab->syms);
      uintptr_t bias = base;	/* the link map's l_addr: 0 for ET_EXEC */
      for (size_t i = 0; data && tab->syms && i < n; i++)
	{
	  GElf_Sym sym;
	  if (!dp_elf.getsym (data, (int) i, &sym) || sym.st_shndx == SHN_UNDEF)
	    continue;
	  int type = GELF_ST_TYPE (sym.st_info);
	  if (type != STT_FUNC && type != STT_GNU_IFUNC)
	    continue;
	  const char *name = dp_elf.strptr (elf, chosen_hdr.sh_link,
					 sym.st_name);
	  if (!name || !*name)
	    continue;
	  struct dp_symbol *s = &tab->syms[tab->count];
	  s->start = bias + sym.st_value;
	  s->size = sym.st_size;
	  s->name = strdup (name);
	  if (s->name)
	    tab->count++;
	}
    }
  dp_elf.end (elf);
out:
  if (fd >= 0)
    close (fd);
  return tab;
}

/* The file of the object WHERE names: its link map's name, or for the
   main program (which has none) /proc/self/exe's target, into EXE.  */
static const char *
dp_where_file (const struct dp_where *where, char *exe, size_t size)
{
  if (where->name[0])
    return where->name;
  ssize_t len = readlink ("/proc/self/exe", exe, size - 1);
  exe[len > 0 ? len : 0] = '\0';
  return exe;
}

static struct dp_symtab *
dp_symtab_for (const char *path, uintptr_t base)
{
  for (struct dp_symtab *t = dp_symtabs; t; t = t->next)
    if (t->base == base)
      return t;
  struct dp_symtab *t = dp_load_symtab (path, base);
  if (t)
    {
      t->next = dp_symtabs;
      dp_symtabs = t;
    }
  return t;
}

static size_t
dp_name_hash (const char *name)
{
  size_t h = 1469598103934665603u;
  for (const unsigned char *p = (const unsigned char *) name; *p; p++)
    h = (h ^ *p) * 1099511628211u;
  return h;
}

/* Index TAB's symbols by name (a warm start looks up a few hundred
   names among tens of thousands of symbols: a scan per name cost a
   short program 4 ms).  Without memory the lookups scan.  */
static void
dp_index_names (struct dp_symtab *tab)
{
  if (tab->by_name || !tab->count || tab->count > UINT32_MAX / 4)
    return;
  size_t size = 16;
  while (size < 2 * tab->count)
    size *= 2;
  tab->by_name = calloc (size, sizeof *tab->by_name);
  if (!tab->by_name)
    return;
  tab->by_name_size = size;
  for (size_t i = 0; i < tab->count; i++)
    {
      size_t h = dp_name_hash (tab->syms[i].name) & (size - 1);
      while (tab->by_name[h])
	h = (h + 1) & (size - 1);
      tab->by_name[h] = (uint32_t) i + 1;
    }
}

/* The start of the function NAME in TAB: 0 if none, and UINTPTR_MAX if
   two functions have that name (two static functions of different
   units).  */
static uintptr_t
dp_symtab_lookup (struct dp_symtab *tab, const char *name)
{
  uintptr_t found = 0;
  dp_index_names (tab);
  if (!tab->by_name)
    {
      for (size_t i = 0; i < tab->count; i++)
	if (!strcmp (tab->syms[i].name, name))
	  {
	    if (found && found != tab->syms[i].start)
	      return UINTPTR_MAX;
	    found = tab->syms[i].start;
	  }
      return found;
    }
  size_t mask = tab->by_name_size - 1;
  for (size_t h = dp_name_hash (name) & mask; tab->by_name[h];
       h = (h + 1) & mask)
    {
      const struct dp_symbol *sym = &tab->syms[tab->by_name[h] - 1];
      if (strcmp (sym->name, name))
	continue;
      if (found && found != sym->start)
	return UINTPTR_MAX;
      found = sym->start;
    }
  return found;
}

/* The address of function NAME ("name" or "name+0xN", as dp_symbolize
   writes it), looked up in the full symbol table of the object holding
   IN_OBJECT (unless IN_OBJECT is NULL), else among every object's
   exported symbols; 0 if it is in neither, or if two functions of the
   object have that name (two static functions of different units).  For profiles (profile.c);
   callers hold the stats lock.  */
uintptr_t
dp_symbol_address (const void *in_object, const char *name)
{
  char base_name[512];
  uintptr_t offset = 0;
  const char *plus = strstr (name, "+0x");
  size_t len = plus ? (size_t) (plus - name) : strlen (name);
  if (len == 0 || len >= sizeof base_name)
    return 0;
  memcpy (base_name, name, len);
  base_name[len] = '\0';
  if (plus)
    {
      char *end;
      offset = strtoull (plus + 3, &end, 16);
      if (*end)
	return 0;
    }

  struct dp_where where;
  if (in_object && dp_find_object (in_object, &where))
    {
      char exe[PATH_MAX];
      struct dp_symtab *tab = dp_symtab_for (dp_where_file (&where, exe,
							     sizeof exe),
					     where.bias);
      uintptr_t found = tab ? dp_symtab_lookup (tab, base_name) : 0;
      if (found == UINTPTR_MAX)
	return 0;		/* Two functions of that name.  */
      if (found)
	return found + offset;
    }
  void *exported = dlsym (RTLD_DEFAULT, base_name);
  return exported ? (uintptr_t) exported + offset : 0;
}

/* If ADDR lies in the object that holds IN_OBJECT, its offset from that
   object's load bias, in *OFF: 1; else 0.  For the dump's off=.  */
int
dp_object_offset (const void *in_object, uintptr_t addr, uintptr_t *off)
{
  struct dp_where mine, theirs;
  if (!addr || !dp_find_object (in_object, &mine)
      || !dp_find_object ((const void *) addr, &theirs)
      || mine.bias != theirs.bias || strcmp (mine.name, theirs.name))
    return 0;
  *off = addr - mine.bias;
  return 1;
}

/* The load bias of the object holding IN_OBJECT, in *BIAS: 1; else 0.  */
int
dp_object_bias (const void *in_object, uintptr_t *bias)
{
  struct dp_where where;
  if (!dp_find_object (in_object, &where))
    return 0;
  *bias = where.bias;
  return 1;
}

/* Write the name of the function at ADDR into BUF: "name", "name+0xN",
   or "?" when nothing is known.  */
void
dp_symbolize (uintptr_t addr, char *buf, size_t size)
{
  struct dp_where where;
  if (dp_find_object ((const void *) addr, &where))
    {
      char exe[PATH_MAX];
      struct dp_symtab *tab = dp_symtab_for (dp_where_file (&where, exe,
							     sizeof exe),
					     where.bias);
      if (tab && tab->count && !tab->by_address)
	{
	  /* Sorted on the first use: a warm start only looks names up.
	     The name index holds positions: made again if needed.  */
	  qsort (tab->syms, tab->count, sizeof *tab->syms, dp_symbol_order);
	  tab->by_address = 1;
	  free (tab->by_name);
	  tab->by_name = NULL;
	  tab->by_name_size = 0;
	}
      if (tab && tab->count)
	{
	  /* Last symbol starting at or below ADDR.  */
	  size_t lo = 0, hi = tab->count;
	  while (hi - lo > 1)
	    {
	      size_t mid = (lo + hi) / 2;
	      if (tab->syms[mid].start <= addr)
		lo = mid;
	      else
		hi = mid;
	    }
	  const struct dp_symbol *s = &tab->syms[lo];
	  if (s->start <= addr
	      && (addr < s->start + s->size || addr == s->start))
	    {
	      if (addr == s->start)
		snprintf (buf, size, "%s", s->name);
	      else
		snprintf (buf, size, "%s+0x%" PRIxPTR, s->name,
			  addr - s->start);
	      return;
	    }
	}
    }

  Dl_info info;
  if (dladdr ((void *) addr, &info) && info.dli_sname)
    {
      uintptr_t off = addr - (uintptr_t) info.dli_saddr;
      if (off)
	snprintf (buf, size, "%s+0x%" PRIxPTR, info.dli_sname, off);
      else
	snprintf (buf, size, "%s", info.dli_sname);
      return;
    }
  snprintf (buf, size, "?");
}

/* Forget the cached symbol tables (objects may be unloaded).  */
void
dp_symbolize_flush (void)
{
  while (dp_symtabs)
    {
      struct dp_symtab *t = dp_symtabs;
      dp_symtabs = t->next;
      for (size_t i = 0; i < t->count; i++)
	free (t->syms[i].name);
      free (t->syms);
      free (t->by_name);
      free (t);
    }
}
