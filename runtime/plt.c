/* plt.c - an object's own PLT entries, for hot targets in other objects.

   A trampoline sits within rel32 reach of its site's object, and a
   target in another shared object (libc at 0x7f..., the program at
   0x55...) is terabytes away: no je reaches it.  The site's object
   usually has a way there of its own: a GOT slot G that the dynamic
   linker fills for that function and a PLT entry `jmp *G(%rip)', both in
   reach.  The trampoline then compares %r11 with G itself and, on a
   match, jumps to that PLT entry (docs/patching.md, "Targets in other
   objects"; codegen.c).

   An object's index is built once, at the first far target of one of
   its sites, under the promoter's lock: its GLOB_DAT and JUMP_SLOT
   relocations, read from its in-memory dynamic section and sorted by
   slot, each with a `jmp *slot(%rip)' found in its executable segments
   (preferring one where a PLT entry's jump would be).  Only memory in the
   object's PT_LOAD ranges is read, and only dp_alloc allocates: a pass
   may run in a signal handler that interrupted malloc.

   A target is found by value: a slot that holds it now.  A JUMP_SLOT
   that lazy binding has not resolved yet still points into the object's
   own PLT; it is found by name instead: its symbol is looked up in the
   target's object (_dl_find_object, which takes no lock) and matches if
   that object defines it at exactly the target.  A wrong or stale choice
   costs speed only: the chain compares the slot's live value.

   Owns: each object's index of its PLT entries.

   May not: write anything; it only reads the object's memory.  */

#define _GNU_SOURCE
#include <dlfcn.h>
#include <elf.h>
#include <link.h>
#include <string.h>

#include "dp-runtime.h"

struct dp_plt_entry
{
  uintptr_t slot;          /* the relocated GOT word.  */
  uintptr_t jmp;           /* a `jmp *slot(%rip)', or 0.  */
  uint32_t sym;            /* its dynamic symbol.  */
  uint8_t type;            /* R_X86_64_GLOB_DAT or R_X86_64_JUMP_SLOT.  */
  uint8_t real;            /* jmp is where a PLT entry's jump would be.  */
};

struct dp_plt_index
{
  size_t n;
  const ElfW (Sym) *symtab;
  const char *strtab;
  size_t strsz;
  struct dp_plt_entry e[];
};

/* An object with nothing to offer (no dynamic section, no memory).  */
static struct dp_plt_index dp_plt_none;

/* Is [A, A+LEN) inside one of OBJ's PT_LOAD segments?  */
static int
dp_plt_mapped (const struct dp_object *obj, uintptr_t a, size_t len)
{
  const ElfW (Phdr) *ph = obj->phdr;
  for (int i = 0; i < obj->phnum; i++)
    {
      if (ph[i].p_type != PT_LOAD)
	continue;
      uintptr_t lo = obj->bias + ph[i].p_vaddr, hi = lo + ph[i].p_memsz;
      if (a >= lo && a + len >= a && a + len <= hi)
	return 1;
    }
  return 0;
}

/* A dynamic entry's address: glibc relocates most of them in place, a
   read-only dynamic section keeps the link-time value.  0 if not
   mapped.  */
static uintptr_t
dp_plt_ptr (const struct dp_object *obj, uintptr_t ptr, size_t len)
{
  if (dp_plt_mapped (obj, ptr, len))
    return ptr;
  return dp_plt_mapped (obj, ptr + obj->bias, len) ? ptr + obj->bias : 0;
}

static int
dp_plt_endbr (const uint8_t *p)
{
  return p[0] == 0xf3 && p[1] == 0x0f && p[2] == 0x1e && p[3] == 0xfa;
}

/* The entry for SLOT, by binary search, or NULL.  */
static struct dp_plt_entry *
dp_plt_find (struct dp_plt_index *x, uintptr_t slot)
{
  size_t lo = 0, hi = x->n;
  while (lo < hi)
    {
      size_t mid = lo + (hi - lo) / 2;
      if (x->e[mid].slot == slot)
	return &x->e[mid];
      if (x->e[mid].slot < slot)
	lo = mid + 1;
      else
	hi = mid;
    }
  return NULL;
}

/* Find the `jmp *G(%rip)' (ff 25 disp32) of each slot in the executable
   segments.  Bytes inside other instructions may look like one, and
   still are that jump when executed from there; a PLT entry's place is
   preferred: 8-aligned (.plt, .plt.got), or after endbr64 (.plt.sec),
   with its bnd prefix.  */
static void
dp_plt_scan (const struct dp_object *obj, struct dp_plt_index *x)
{
  const ElfW (Phdr) *ph = obj->phdr;
  uintptr_t first = x->e[0].slot, last = x->e[x->n - 1].slot;
  for (int i = 0; i < obj->phnum; i++)
    {
      if (ph[i].p_type != PT_LOAD || !(ph[i].p_flags & PF_X))
	continue;
      const uint8_t *lo = (const uint8_t *) (obj->bias + ph[i].p_vaddr);
      size_t len = ph[i].p_filesz < ph[i].p_memsz ? ph[i].p_filesz
						  : ph[i].p_memsz;
      if (len < 6 || !dp_plt_mapped (obj, (uintptr_t) lo, len))
	continue;
      const uint8_t *hi = lo + len;
      for (const uint8_t *p = lo; p + 6 <= hi; p++)
	{
	  p = memchr (p, 0xff, (size_t) (hi - 5 - p));
	  if (!p)
	    break;
	  if (p[1] != 0x25)
	    continue;
	  int32_t disp;
	  memcpy (&disp, p + 2, 4);
	  uintptr_t g = (uintptr_t) p + 6 + (intptr_t) disp;
	  if (g < first || g > last)
	    continue;
	  struct dp_plt_entry *e = dp_plt_find (x, g);
	  if (!e)
	    continue;
	  uintptr_t at = (uintptr_t) p;
	  int real = 0;
	  if (p >= lo + 5 && p[-1] == 0xf2 && dp_plt_endbr (p - 5))
	    at--, real = 1;
	  else if (p >= lo + 4 && dp_plt_endbr (p - 4))
	    real = 1;
	  else if (p >= lo + 1 && p[-1] == 0xf2 && (at - 1) % 8 == 0)
	    at--, real = 1;
	  else if (at % 8 == 0)
	    real = 1;
	  if (!e->jmp || (real && !e->real))
	    {
	      e->jmp = at;
	      e->real = (uint8_t) real;
	    }
	}
    }
}

/* Sort by slot (shell sort: qsort may call malloc), dropping
   duplicates (DT_RELA may cover DT_JMPREL).  */
static void
dp_plt_sort (struct dp_plt_index *x)
{
  static const size_t gaps[] = { 701, 301, 132, 57, 23, 10, 4, 1 };
  for (size_t g = 0; g < sizeof gaps / sizeof gaps[0]; g++)
    for (size_t i = gaps[g]; i < x->n; i++)
      {
	struct dp_plt_entry v = x->e[i];
	size_t j = i;
	for (; j >= gaps[g] && x->e[j - gaps[g]].slot > v.slot; j -= gaps[g])
	  x->e[j] = x->e[j - gaps[g]];
	x->e[j] = v;
      }
  size_t n = 0;
  for (size_t i = 0; i < x->n; i++)
    if (!n || x->e[i].slot != x->e[n - 1].slot)
      x->e[n++] = x->e[i];
  x->n = n;
}

/* The GLOB_DAT and JUMP_SLOT relocations of a table, counted (X NULL)
   or added.  */
static size_t
dp_plt_relocs (const struct dp_object *obj, const ElfW (Rela) *r, size_t n,
	       struct dp_plt_index *x)
{
  size_t count = 0;
  for (size_t i = 0; i < n; i++)
    {
      uint32_t type = ELF64_R_TYPE (r[i].r_info);
      uint32_t sym = ELF64_R_SYM (r[i].r_info);
      uintptr_t slot = obj->bias + r[i].r_offset;
      if ((type != R_X86_64_GLOB_DAT && type != R_X86_64_JUMP_SLOT) || !sym
	  || (slot & 7) || !dp_plt_mapped (obj, slot, 8))
	continue;
      if (x)
	x->e[x->n++] = (struct dp_plt_entry) { slot, 0, sym, (uint8_t) type,
					       0 };
      count++;
    }
  return count;
}

static struct dp_plt_index *
dp_plt_build (const struct dp_object *obj)
{
  const ElfW (Phdr) *ph = obj->phdr;
  const ElfW (Dyn) *dyn = NULL;
  size_t ndyn = 0;
  for (int i = 0; ph && i < obj->phnum; i++)
    if (ph[i].p_type == PT_DYNAMIC)
      {
	dyn = (const ElfW (Dyn) *) (obj->bias + ph[i].p_vaddr);
	ndyn = ph[i].p_memsz / sizeof *dyn;
      }
  if (!dyn || !dp_plt_mapped (obj, (uintptr_t) dyn, ndyn * sizeof *dyn))
    return NULL;
  uintptr_t rela = 0, jmprel = 0, symtab = 0, strtab = 0;
  size_t relasz = 0, pltrelsz = 0, strsz = 0;
  long pltrel = DT_RELA, relaent = sizeof (ElfW (Rela));
  for (size_t i = 0; i < ndyn && dyn[i].d_tag != DT_NULL; i++)
    switch (dyn[i].d_tag)
      {
      case DT_RELA: rela = dyn[i].d_un.d_ptr; break;
      case DT_RELASZ: relasz = dyn[i].d_un.d_val; break;
      case DT_RELAENT: relaent = (long) dyn[i].d_un.d_val; break;
      case DT_JMPREL: jmprel = dyn[i].d_un.d_ptr; break;
      case DT_PLTRELSZ: pltrelsz = dyn[i].d_un.d_val; break;
      case DT_PLTREL: pltrel = (long) dyn[i].d_un.d_val; break;
      case DT_SYMTAB: symtab = dyn[i].d_un.d_ptr; break;
      case DT_STRTAB: strtab = dyn[i].d_un.d_ptr; break;
      case DT_STRSZ: strsz = dyn[i].d_un.d_val; break;
      default: break;
      }
  if (relaent != sizeof (ElfW (Rela)))
    return NULL;
  const ElfW (Rela) *tab[2] = { NULL, NULL };
  size_t n[2] = { 0, 0 };
  if (rela && relasz)
    {
      tab[0] = (const ElfW (Rela) *) dp_plt_ptr (obj, rela, relasz);
      n[0] = relasz / sizeof (ElfW (Rela));
    }
  if (jmprel && pltrelsz && pltrel == DT_RELA)
    {
      tab[1] = (const ElfW (Rela) *) dp_plt_ptr (obj, jmprel, pltrelsz);
      n[1] = pltrelsz / sizeof (ElfW (Rela));
    }
  size_t count = 0;
  for (int t = 0; t < 2; t++)
    if (tab[t])
      count += dp_plt_relocs (obj, tab[t], n[t], NULL);
  if (!count)
    return NULL;
  struct dp_plt_index *x = dp_alloc (sizeof *x + count * sizeof x->e[0]);
  if (!x)
    return NULL;
  for (int t = 0; t < 2; t++)
    if (tab[t])
      dp_plt_relocs (obj, tab[t], n[t], x);
  dp_plt_sort (x);
  dp_plt_scan (obj, x);
  /* For naming lazily bound slots.  */
  x->strtab = (const char *) dp_plt_ptr (obj, strtab, strsz);
  x->strsz = x->strtab ? strsz : 0;
  x->symtab = (const ElfW (Sym) *) dp_plt_ptr (obj, symtab,
					       sizeof (ElfW (Sym)));
  return x;
}

#if defined __GLIBC__ && __GLIBC_PREREQ (2, 35)
/* Is [P, P+LEN) inside the mapping of the object FO describes?  */
static int
dp_plt_in (const struct dl_find_object *fo, const void *p, size_t len)
{
  uintptr_t a = (uintptr_t) p;
  return a >= (uintptr_t) fo->dlfo_map_start && a + len >= a
	 && a + len <= (uintptr_t) fo->dlfo_map_end;
}

/* Does the object FO describes define NAME at exactly TARGET (its GNU
   hash table; an object without one is not searched)?  */
static int
dp_plt_defines (const struct dl_find_object *fo, const char *name,
		uintptr_t target)
{
  const struct link_map *map = fo->dlfo_link_map;
  const ElfW (Dyn) *dyn = map->l_ld;
  uintptr_t base = (uintptr_t) fo->dlfo_map_start;
  const uint32_t *hash = NULL;
  const ElfW (Sym) *symtab = NULL;
  const char *strtab = NULL;
  for (; dp_plt_in (fo, dyn, sizeof *dyn) && dyn->d_tag != DT_NULL; dyn++)
    {
      uintptr_t p = dyn->d_un.d_ptr;
      if (p < base)
	p += map->l_addr;	/* a dynamic section left unrelocated */
      if (dyn->d_tag == DT_GNU_HASH)
	hash = (const uint32_t *) p;
      else if (dyn->d_tag == DT_SYMTAB)
	symtab = (const ElfW (Sym) *) p;
      else if (dyn->d_tag == DT_STRTAB)
	strtab = (const char *) p;
    }
  if (!hash || !symtab || !strtab || !dp_plt_in (fo, hash, 16))
    return 0;
  uint32_t nbuckets = hash[0], symoffset = hash[1], bloom = hash[2];
  const uint32_t *buckets = hash + 4 + bloom * (sizeof (ElfW (Addr)) / 4);
  const uint32_t *chain = buckets + nbuckets - symoffset;
  uint32_t h = 5381;
  for (const unsigned char *c = (const unsigned char *) name; *c; c++)
    h = h * 33 + *c;
  if (!nbuckets || !dp_plt_in (fo, buckets, 4 * (size_t) nbuckets))
    return 0;
  size_t len = strlen (name);
  for (uint32_t i = buckets[h % nbuckets]; i >= symoffset; i++)
    {
      if (!dp_plt_in (fo, chain + i, 4)
	  || !dp_plt_in (fo, symtab + i, sizeof *symtab))
	return 0;
      const ElfW (Sym) *s = symtab + i;
      if ((chain[i] | 1) == (h | 1) && s->st_shndx != SHN_UNDEF
	  && map->l_addr + s->st_value == target
	  && dp_plt_in (fo, strtab + s->st_name, len + 1)
	  && memcmp (strtab + s->st_name, name, len + 1) == 0)
	return 1;
      if (chain[i] & 1)
	break;
    }
  return 0;
}

/* A JUMP_SLOT of X not bound yet (its slot still points into OBJ) whose
   symbol the object holding TARGET defines at TARGET, or NULL.  */
static const struct dp_plt_entry *
dp_plt_by_name (const struct dp_object *obj, const struct dp_plt_index *x,
		uintptr_t target)
{
  struct dl_find_object fo;
  if (!x->symtab || !x->strtab
      || _dl_find_object ((void *) target, &fo) != 0 || !fo.dlfo_link_map)
    return NULL;
  for (size_t i = 0; i < x->n; i++)
    {
      const struct dp_plt_entry *e = &x->e[i];
      if (e->type != R_X86_64_JUMP_SLOT || !e->jmp)
	continue;
      uint64_t now = __atomic_load_n ((const uint64_t *) e->slot,
				      __ATOMIC_RELAXED);
      if (now < obj->code_lo || now >= obj->code_hi)
	continue;
      const ElfW (Sym) *s = x->symtab + e->sym;
      if (!dp_plt_mapped (obj, (uintptr_t) s, sizeof *s)
	  || s->st_name >= x->strsz)
	continue;
      const char *name = x->strtab + s->st_name;
      if (memchr (name, 0, x->strsz - s->st_name)
	  && dp_plt_defines (&fo, name, target))
	return e;
    }
  return NULL;
}
#else
static const struct dp_plt_entry *
dp_plt_by_name (const struct dp_object *obj, const struct dp_plt_index *x,
		uintptr_t target)
{
  (void) obj, (void) x, (void) target;
  return NULL;
}
#endif

/* A way from OBJ's trampolines to TARGET in another object: the GOT
   slot to compare %r11 with and the `jmp *slot(%rip)' to jump to.
   Returns 0, or -1 if OBJ has none.  Under the promoter's lock.  */
int
dp_plt_route (struct dp_object *obj, uintptr_t target, uintptr_t *got,
	      uintptr_t *jmp)
{
  if (!obj->phdr || !target)
    return -1;
  if (!obj->plt)
    {
      obj->plt = dp_plt_build (obj);
      if (!obj->plt)
	obj->plt = &dp_plt_none;
    }
  const struct dp_plt_index *x = obj->plt;
  const struct dp_plt_entry *best = NULL;
  uint32_t sym = 0;
  for (size_t i = 0; i < x->n; i++)
    {
      const struct dp_plt_entry *e = &x->e[i];
      if (__atomic_load_n ((const uint64_t *) e->slot, __ATOMIC_RELAXED)
	  != target)
	continue;
      if (e->jmp && (!best || (e->real && !best->real)))
	best = e;
      sym = e->sym;
    }
  /* A GLOB_DAT slot holds the target (the program took its address) and
     a lazy JUMP_SLOT of the same symbol has the PLT entry.  */
  for (size_t i = 0; !best && sym && i < x->n; i++)
    if (x->e[i].sym == sym && x->e[i].jmp)
      best = &x->e[i];
  if (!best)
    best = dp_plt_by_name (obj, x, target);
  if (!best)
    return -1;
  *got = best->slot;
  *jmp = best->jmp;
  return 0;
}

/* OBJ is going away.  */
void
dp_plt_forget (struct dp_object *obj)
{
  if (obj->plt && obj->plt != &dp_plt_none)
    dp_free (obj->plt);
  obj->plt = NULL;
}
