/* jit.c - names for the trampolines in gdb, through its JIT interface.

   A trampoline lives in memory the runtime maps itself, which no ELF
   file describes: without help gdb shows `??' for it, cannot unwind
   through it by its tables, and `info symbol' finds nothing.  gdb's
   documented JIT interface ("JIT Compilation Interface" in the gdb
   manual) is how a program tells it about code it generated: a global
   __jit_debug_descriptor lists in-memory object files, and the program
   calls __jit_debug_register_code, on which gdb keeps a breakpoint,
   after each change; gdb then reads the entry it names and loads it as
   an object file of its own (or drops it).  Nothing happens without a
   debugger but the list update: the function is empty.

   For every trampoline the runtime writes (promote.c,
   dp_promote_decide) we register one small ELF64 object, written by
   hand here from <elf.h>'s structures:

     .text          SHT_NOBITS, sh_addr the trampoline, sh_size its size
                    (no bytes: gdb reads the code from the process)
     .symtab        one global STT_FUNC symbol over it,
                    dynpromote.trampoline:FILE:LINE (the site's source)
     .strtab        the symbol's name, and the section names
                    (e_shstrndx points at it too: one table)
     .debug_frame   a CIE and an FDE covering the trampoline: CFA is
                    %rsp + 8 and the return address is at CFA - 8
                    throughout, since a trampoline is only ever entered
                    by a jmp (from the patch point of the stub the
                    call instruction reached) and never touches the
                    stack: the top of the stack is the return address
                    of the call that led there, so `bt' goes on to the
                    function that made it (its caller, for a sibcall).

   Why by hand: libelf (which the runtime links, for symbolize.c) only
   writes ELF files to a file descriptor, and this code runs in a
   promoter pass, which may hold no descriptor (fds.c), no malloc and no
   stdio (dp-runtime.h): the image is built in the runtime's own memory
   with plain stores.  An entry and its image take 549 bytes plus the
   name (dynpromote.trampoline:FILE:LINE), in 64-byte units: 640 bytes
   for a name of up to 91 bytes.  The entry's handle is kept per
   trampoline chunk (struct dp_pool, 8 bytes a chunk), and the entry is
   dropped when the chunk is reclaimed after its grace period (a
   relearn, or dlclose, which retires every trampoline of the object).

   Every call is made under the promoter's lock.

   DYNPROMOTE_GDB_JIT=0 turns it off (settings.c).

   Owns: the JIT interface's descriptor and entries, and the names of
   the runtime's code (dp_code_name, which perfmap.c uses too).

   May not: allocate with malloc, hold a descriptor, or look at a site's
   state.  */

#define _GNU_SOURCE
#include <elf.h>
#include <stddef.h>
#include <string.h>

#include "dp-runtime.h"


/* The interface, as the gdb manual spells it.  */
enum
{
  DP_JIT_NOACTION = 0,
  DP_JIT_REGISTER_FN,
  DP_JIT_UNREGISTER_FN
};

struct dp_jit_code_entry
{
  struct dp_jit_code_entry *next;
  struct dp_jit_code_entry *prev;
  const char *symfile_addr;
  uint64_t symfile_size;
};

struct dp_jit_descriptor
{
  uint32_t version;
  uint32_t action_flag;
  struct dp_jit_code_entry *relevant_entry;
  struct dp_jit_code_entry *first_entry;
};

/* The interface's two names, global with default visibility: gdb
   looks them up in every loaded object, so other JITs in the process
   (LLVM, LuaJIT) have theirs and we have ours.  The version is set
   statically: gdb checks it before the program runs.  */
struct dp_jit_descriptor __jit_debug_descriptor = { 1, DP_JIT_NOACTION,
						    NULL, NULL };

/* gdb's breakpoint goes here.  noipa: never inlined, cloned or merged
   with another empty function; the asm keeps the call and the stores
   before it.  */
__attribute__ ((noipa)) void
__jit_debug_register_code (void)
{
  __asm__ volatile ("" ::: "memory");
}

/* This runtime reaches them through hidden aliases: a definition of the
   same names in an object loaded earlier (another JIT's) would
   otherwise take our references, and we would edit its list.  */
extern struct dp_jit_descriptor dp_jit_descriptor
  __attribute__ ((alias ("__jit_debug_descriptor"))) DP_HIDDEN;
extern void dp_jit_register_code (void)
  __attribute__ ((alias ("__jit_debug_register_code"))) DP_HIDDEN;

/* The sections of an image.  */
enum
{
  DP_SEC_NULL,
  DP_SEC_TEXT,
  DP_SEC_SYMTAB,
  DP_SEC_STRTAB,
  DP_SEC_FRAME,
  DP_SEC_COUNT
};

/* Section names, at these offsets of .strtab; the symbol's name
   follows.  */
static const char dp_jit_names[] = "\0.text\0.symtab\0.strtab\0.debug_frame";
#define DP_NAME_TEXT 1
#define DP_NAME_SYMTAB 7
#define DP_NAME_STRTAB 15
#define DP_NAME_FRAME 23
#define DP_NAME_SYMBOL sizeof dp_jit_names

/* .debug_frame: a CIE (24 bytes) and an FDE (24 bytes), each padded so
   that its length field plus its length is a multiple of 8.  */
#define DP_FRAME_SIZE 48

/* One registered trampoline: the entry gdb reads, then the object file
   it points at.  */
struct dp_jit_image
{
  struct dp_jit_code_entry entry;
  Elf64_Ehdr ehdr;			/* the object file starts here */
  Elf64_Shdr shdr[DP_SEC_COUNT];
  Elf64_Sym sym[2];
  uint8_t frame[DP_FRAME_SIZE];
  char strtab[];
};

#define DP_OFFSET(field) \
  (offsetof (struct dp_jit_image, field) \
   - offsetof (struct dp_jit_image, ehdr))

/* Images are about 560 bytes and a name: dp_alloc would round each up
   to its 1 KiB class.  They are carved instead from arenas of their own
   in 64-byte units, and a freed one is kept on a list by its size in
   units for the next of that size (names of one program are much
   alike).  Bigger ones (names of over 450 bytes) go to dp_alloc.  */
#define DP_JIT_UNIT 64
#define DP_JIT_MAX_UNITS 16
#define DP_JIT_ARENA (64u << 10)

struct dp_jit_free
{
  struct dp_jit_free *next;
};

static struct dp_jit_free *dp_jit_free_lists[DP_JIT_MAX_UNITS + 1];
static char *dp_jit_arena_next, *dp_jit_arena_end;

static size_t
dp_jit_units (size_t size)
{
  return (size + DP_JIT_UNIT - 1) / DP_JIT_UNIT;
}

/* SIZE bytes, zeroed, or NULL.  */
static void *
dp_jit_alloc (size_t size)
{
  size_t units = dp_jit_units (size);
  if (units > DP_JIT_MAX_UNITS)
    return dp_alloc (size);
  void *p = dp_jit_free_lists[units];
  if (p)
    dp_jit_free_lists[units] = dp_jit_free_lists[units]->next;
  else
    {
      size_t bytes = units * DP_JIT_UNIT;
      if ((size_t) (dp_jit_arena_end - dp_jit_arena_next) < bytes)
	{
	  /* The rest of the old arena is lost: less than 1 KiB.  */
	  char *a = dp_map_private (DP_JIT_ARENA);
	  if (!a)
	    return NULL;
	  dp_jit_arena_next = a;
	  dp_jit_arena_end = a + DP_JIT_ARENA;
	}
      p = dp_jit_arena_next;
      dp_jit_arena_next += bytes;
    }
  memset (p, 0, units * DP_JIT_UNIT);
  return p;
}

/* Give back P, of SIZE bytes, from dp_jit_alloc.  */
static void
dp_jit_free (void *p, size_t size)
{
  size_t units = dp_jit_units (size);
  if (units > DP_JIT_MAX_UNITS)
    {
      dp_free (p);
      return;
    }
  struct dp_jit_free *f = p;
  f->next = dp_jit_free_lists[units];
  dp_jit_free_lists[units] = f;
}

static void
dp_put32 (uint8_t *p, uint32_t v)
{
  memcpy (p, &v, 4);
}

static void
dp_put64 (uint8_t *p, uint64_t v)
{
  memcpy (p, &v, 8);
}

/* The CIE and the FDE for [ADDR, ADDR + SIZE).  */
static void
dp_jit_frame (uint8_t *f, uintptr_t addr, size_t size)
{
  memset (f, 0, DP_FRAME_SIZE);	/* 0 is DW_CFA_nop: the padding */
  /* CIE.  */
  dp_put32 (f, 20);			/* length */
  dp_put32 (f + 4, 0xffffffffu);	/* CIE_id (.debug_frame) */
  f[8] = 1;				/* version */
  f[9] = 0;				/* augmentation "" */
  f[10] = 1;				/* code alignment (ULEB128) */
  f[11] = 0x78;				/* data alignment -8 (SLEB128) */
  f[12] = 16;				/* return address: %rip */
  f[13] = 0x0c;				/* DW_CFA_def_cfa %rsp, 8 */
  f[14] = 7;
  f[15] = 8;
  f[16] = 0x80 | 16;			/* DW_CFA_offset %rip, CFA - 8 */
  f[17] = 1;
  /* FDE.  */
  dp_put32 (f + 24, 20);		/* length */
  dp_put32 (f + 28, 0);			/* its CIE, at offset 0 */
  dp_put64 (f + 32, addr);		/* initial_location */
  dp_put64 (f + 40, size);		/* address_range */
}

static void
dp_jit_section (Elf64_Shdr *s, uint32_t name, uint32_t type, uint64_t flags,
		uint64_t addr, uint64_t offset, uint64_t size)
{
  s->sh_name = name;
  s->sh_type = type;
  s->sh_flags = flags;
  s->sh_addr = addr;
  s->sh_offset = offset;
  s->sh_size = size;
  s->sh_addralign = 1;
}

/* Tell gdb about the code at [ADDR, ADDR + SIZE), named NAME.  Returns
   the handle for dp_jit_remove, or NULL (off, or no memory: the code
   is simply not named).  Under the promoter's lock.  */
void *
dp_jit_add (uintptr_t addr, size_t size, const char *name)
{
  if (!dp_gdb_jit)
    return NULL;
  size_t name_len = strlen (name);
  size_t strtab_size = DP_NAME_SYMBOL + name_len + 1;
  struct dp_jit_image *img = dp_jit_alloc (sizeof *img + strtab_size);
  if (!img)
    return NULL;
  memcpy (img->strtab, dp_jit_names, sizeof dp_jit_names);
  memcpy (img->strtab + DP_NAME_SYMBOL, name, name_len + 1);

  Elf64_Ehdr *e = &img->ehdr;
  memcpy (e->e_ident, ELFMAG, SELFMAG);
  e->e_ident[EI_CLASS] = ELFCLASS64;
  e->e_ident[EI_DATA] = ELFDATA2LSB;
  e->e_ident[EI_VERSION] = EV_CURRENT;
  e->e_ident[EI_OSABI] = ELFOSABI_SYSV;
  /* An executable: its addresses are absolute, so sh_addr and st_value
     are the trampoline's own and gdb relocates nothing.  */
  e->e_type = ET_EXEC;
  e->e_machine = EM_X86_64;
  e->e_version = EV_CURRENT;
  e->e_shoff = DP_OFFSET (shdr);
  e->e_ehsize = sizeof (Elf64_Ehdr);
  e->e_shentsize = sizeof (Elf64_Shdr);
  e->e_shnum = DP_SEC_COUNT;
  e->e_shstrndx = DP_SEC_STRTAB;

  dp_jit_section (&img->shdr[DP_SEC_TEXT], DP_NAME_TEXT, SHT_NOBITS,
		  SHF_ALLOC | SHF_EXECINSTR, addr, DP_OFFSET (sym), size);
  dp_jit_section (&img->shdr[DP_SEC_SYMTAB], DP_NAME_SYMTAB, SHT_SYMTAB, 0,
		  0, DP_OFFSET (sym), sizeof img->sym);
  img->shdr[DP_SEC_SYMTAB].sh_link = DP_SEC_STRTAB;
  img->shdr[DP_SEC_SYMTAB].sh_info = 1;	/* the first global symbol */
  img->shdr[DP_SEC_SYMTAB].sh_entsize = sizeof (Elf64_Sym);
  img->shdr[DP_SEC_SYMTAB].sh_addralign = 8;
  dp_jit_section (&img->shdr[DP_SEC_STRTAB], DP_NAME_STRTAB, SHT_STRTAB, 0,
		  0, DP_OFFSET (strtab), strtab_size);
  dp_jit_section (&img->shdr[DP_SEC_FRAME], DP_NAME_FRAME, SHT_PROGBITS, 0,
		  0, DP_OFFSET (frame), DP_FRAME_SIZE);
  img->shdr[DP_SEC_FRAME].sh_addralign = 8;

  Elf64_Sym *s = &img->sym[1];
  s->st_name = DP_NAME_SYMBOL;
  s->st_info = ELF64_ST_INFO (STB_GLOBAL, STT_FUNC);
  s->st_shndx = DP_SEC_TEXT;
  s->st_value = addr;
  s->st_size = size;

  dp_jit_frame (img->frame, addr, size);

  struct dp_jit_code_entry *entry = &img->entry;
  entry->symfile_addr = (const char *) &img->ehdr;
  entry->symfile_size = DP_OFFSET (strtab) + strtab_size;

  /* Link it first, then tell gdb.  */
  struct dp_jit_descriptor *d = &dp_jit_descriptor;
  entry->next = d->first_entry;
  if (entry->next)
    entry->next->prev = entry;
  d->first_entry = entry;
  d->relevant_entry = entry;
  d->action_flag = DP_JIT_REGISTER_FN;
  dp_jit_register_code ();
  d->action_flag = DP_JIT_NOACTION;
  return entry;
}

/* gdb forgets the code HANDLE (from dp_jit_add, or NULL) named; its
   memory is freed.  Under the promoter's lock.  */
void
dp_jit_remove (void *handle)
{
  struct dp_jit_code_entry *entry = handle;
  if (!entry)
    return;
  struct dp_jit_descriptor *d = &dp_jit_descriptor;
  if (entry->prev)
    entry->prev->next = entry->next;
  else
    d->first_entry = entry->next;
  if (entry->next)
    entry->next->prev = entry->prev;
  d->relevant_entry = entry;
  d->action_flag = DP_JIT_UNREGISTER_FN;
  dp_jit_register_code ();
  d->action_flag = DP_JIT_NOACTION;
  d->relevant_entry = NULL;
  dp_jit_free (entry, offsetof (struct dp_jit_image, ehdr)
			+ entry->symfile_size);
}

/* Append the decimal V to BUF at *AT (at most SIZE - 1 bytes in all).  */
static void
dp_name_put_uint (char *buf, size_t size, size_t *at, unsigned long v)
{
  char digits[24];
  int n = 0;
  do
    digits[n++] = (char) ('0' + v % 10);
  while ((v /= 10) != 0);
  while (n > 0 && *at + 1 < size)
    buf[(*at)++] = digits[--n];
}

static void
dp_name_put (char *buf, size_t size, size_t *at, const char *s)
{
  for (; *s && *at + 1 < size; s++)
    /* One name, one line of a perf map.  */
    buf[(*at)++] = *s == '\n' || *s == '\r' ? '?' : *s;
}

/* The name gdb (here) and perf (perfmap.c) show for code of site REC:
   dynpromote.KIND:[FUNC:]FILE:LINE, FUNC only if WITH_FUNC, into BUF
   (SIZE bytes, NUL-terminated; a file name too long to fit loses its
   start, so its last components and the line stay).  */
void
dp_code_name (char *buf, size_t size, const char *kind,
	      const struct dp_site_record *rec, int with_func)
{
  size_t at = 0;
  const struct dp_site_loc *loc = DP_SITE_LOC (rec);
  dp_name_put (buf, size, &at, "dynpromote.");
  dp_name_put (buf, size, &at, kind);
  dp_name_put (buf, size, &at, ":");
  if (with_func)
    {
      dp_name_put (buf, size, &at, (const char *) DP_REL (loc, func_rel));
      dp_name_put (buf, size, &at, ":");
    }
  const char *file = (const char *) DP_REL (loc, file_rel);
  size_t len = strlen (file), room = size - at;
  /* Leave room for ":LINE" (at most 11 bytes) and the NUL.  */
  if (room > 12 && len > room - 12)
    file += len - (room - 12);
  dp_name_put (buf, size, &at, file);
  dp_name_put (buf, size, &at, ":");
  dp_name_put_uint (buf, size, &at, rec->line);
  buf[at] = '\0';
}
