/* dynpromote/abi.h - the binary contract between the plugin and the runtime.

   The plugin writes, for every rewritten indirect call, three things into
   the object it compiles; the runtime reads them.  Nothing here may change
   without bumping DYNPROMOTE_ABI_VERSION: objects record the version they
   were built for, and the runtime refuses versions it does not know.

   1. A site record (struct dp_site_record) in section DP_SITES_SECTION,
      and its function's location descriptor (struct dp_site_loc).
      Read-only; every pointer is a 32-bit offset from the field itself, so
      records need no dynamic relocations (like the kernel's
      .static_call_sites).
   2. Per-site learning state (DP_STATE_SIZE bytes, zero-initialised, in
      .bss).  Generated code touches three fields: the object's sampling
      routine decrements the countdown on every learning call and enters
      the runtime when it goes negative; a guarded call compares with the
      guard and counts its hits (DP_FLAG_GUARDED below).  The rest
      belongs to the runtime.
   3. A per-site entry stub in DP_STUBS_SECTION (see
      plugin/dynpromote-emit.cc), which the rewritten call or sibcall
      reaches with the original target in %r11 and every argument
      register untouched.  The stubs of a linked object occupy whole
      pages of their own (DP_STUBS_FIRST_SECTION and
      DP_STUBS_LAST_SECTION bracket them): those pages are the only
      bytes of an object the runtime ever replaces or writes; the rest
      of its code stays its file-backed mapping (docs/patching.md).

   One comdat constructor per linked object (exe or shared object) hands
   the object's record array, its stub pages and its slot (which the
   sampling routine reads) to __dynpromote_register, and one comdat
   destructor takes it back (__dynpromote_unregister) on exit or
   dlclose.

   This header is included by C11 code and by the C++ plugin.  */

#ifndef DYNPROMOTE_ABI_H
#define DYNPROMOTE_ABI_H

#include <stdint.h>

#define DYNPROMOTE_ABI_VERSION 3

/* Section and symbol names carry the ABI version, so that objects built
   for different versions never share a comdat group or a record array.  */
#define DP_SITES_SECTION "dynpromote_sites_v3"
#define DP_CTOR_SYMBOL "__dynpromote_ctor_v3"
#define DP_DTOR_SYMBOL "__dynpromote_dtor_v3"
#define DP_OBJECT_SYMBOL "__dynpromote_object_v3"
#define DP_REGISTER_SYMBOL "__dynpromote_register"
#define DP_UNREGISTER_SYMBOL "__dynpromote_unregister"
#define DP_SAMPLE_SYMBOL "__dynpromote_sample"
#define DP_THUNK_SYMBOL "__dynpromote_thunk_r11"
#define DP_SLOW_SYMBOL "__dynpromote_slow_v3"

/* Every object with sites refers, from the first section of its own that
   the linker relocates, to a runtime symbol whose name is the fix: so a
   link that forgot the runtime fails with an error whose first line says
   what to add, and a shared object linked without it fails to load with
   the same text ("undefined symbol: ...").  The name has no ABI version:
   it is the same sentence for every object.  */
#define DP_LINK_CHECK_SYMBOL \
  "dynpromote: compiled with the plugin, link with the runtime " \
  "(-specs=dynpromote.specs or $(pkg-config --libs dynpromote))"
#define DP_LINK_CHECK_GROUP "__dynpromote_link_check"

/* Size of the per-object slot the runtime may use as it likes (it lives in
   the object's .bss, so registration needs no allocation).  */
#define DP_OBJECT_SLOT_SIZE 128

/* Words of the slot the sampling routine reads (RIP-relative): the
   record index the runtime builds at registration (int32_t per 8 bytes
   of stubs from stubs_lo: the record's byte offset from the first
   record, plus 1; 0 = no site), stubs_lo, and the first record.  The
   index pointer is 0 until the object is registered (and again once it
   is unregistered or the runtime is off): the routine then samples
   nothing.  */
#define DP_OBJECT_INDEX_OFFSET 0
#define DP_OBJECT_STUBS_LO_OFFSET 8
#define DP_OBJECT_RECORDS_OFFSET 16

/* Size and alignment of the per-site learning state: its own cache lines,
   so sites called from different threads do not share lines.  */
#define DP_STATE_SIZE 256
#define DP_STATE_ALIGN 64

/* Offset, in the learning state, of the sampling countdown (int32_t) that
   the sampling routine decrements.  Fixed forever, whatever the
   version, so a runtime can quiet the sites of an object it refuses.  */
#define DP_STATE_COUNTDOWN_OFFSET 0

/* Layout of every entry stub, in section DP_STUBS_SECTION (8-byte
   aligned entry; 16-byte aligned start when the stub is a multiple of
   16 bytes):

    -24   guarded calls only (DP_FLAG_GUARDED, kind call), where the
	  call goes, the flags of its compare with the guard unchanged:
	  jne +22 (75 16, to +0: a miss); addq $1, state.direct_hits(%rip)
	  (48 83 05 disp32 01); a 6-byte nop; on to -8 (a hit)
     -8   guarded sites only (DP_FLAG_GUARDED): the hit patch point, 8
	  bytes, 8-byte aligned: jmp +3 (e9 03 00 00 00 0f 1f 00, to +0),
	  or jmp F + 3-byte nop while the guard holds F and a grace period
	  has shown no thread between the guard's compare and this jump
	  with an older guard; a guard hit reaches it;
     +0   8 bytes, 8-byte aligned: nopl 0(%rax,%rax,1); nopl (%rax)
	  the patch point, replaced by one aligned 8-byte store with
	  jmp rel32 + 3-byte nop to send the site elsewhere, or with a
	  copy of a plain jump at +13;
     +8   call __dynpromote_slow_v3[.MODE]   (e8 rel32; one routine per
	  linked object and mode): the learning path and every sampled
	  call.  The routine finds the record from its return address
	  (+13) through the object's index (DP_OBJECT_INDEX_OFFSET),
	  decrements the state's countdown and samples when it goes
	  negative, then returns;
     +13  the indirect jump to %r11, protected as the build asks,
	  padded with int3 to a multiple of 8 bytes.

   So a plain stub is 16 bytes; notrack, -mharden-sls and retpoline
   stubs 24 (an inline retpoline 32).

   Every unit with stubs also emits the two comdat bracket sections
   (one copy per linked object), page-aligned and holding one int3
   each; ld places these orphans around DP_STUBS_SECTION in the order it
   meets them, so [__start_ FIRST, __start_ LAST) is whole pages holding
   only stubs, static-call trampolines and int3 or zero padding.  The
   registration hands that range to the runtime, which checks it.  */
#define DP_STUBS_SECTION "dynpromote_stubs"
#define DP_STUBS_FIRST_SECTION "dynpromote_stubs_0"
#define DP_STUBS_LAST_SECTION "dynpromote_stubs_9"
#define DP_STUBS_PAGE 4096
#define DP_ENTRY_PATCH_SIZE 8
#define DP_ENTRY_HIT_OFFSET (-8)
#define DP_GUARD_PREFIX_SIZE 16
#define DP_ENTRY_GUARD_OFFSET (DP_ENTRY_HIT_OFFSET - DP_GUARD_PREFIX_SIZE)
#define DP_ENTRY_SLOW_OFFSET 8
#define DP_ENTRY_JUMP_OFFSET 13
/* Index granularity: stubs start on 8-byte boundaries.  */
#define DP_STUBS_INDEX_SHIFT 3

/* dp_site_record.kind.  */
enum dp_site_kind
{
  DP_KIND_CALL = 1,     /* call; the stub is reached by a direct call.  */
  DP_KIND_SIBCALL = 2,  /* tail call; reached by a direct jmp.  */
  DP_KIND_JUMP = 3      /* indirect jump within its function (computed
			   goto, jump table); reached by a direct jmp,
			   its stub and trampolines are a sibcall's.  A
			   runtime that knows only 1 and 2 serves it as a
			   sibcall, correctly.  */
};

/* dp_site_record.flags.  */
enum dp_site_flags
{
  DP_FLAG_NOTRACK = 1 << 0,      /* nocf_check pointer: notrack jmp.  */
  DP_FLAG_IBT = 1 << 1,          /* built with -fcf-protection=branch.  */
  DP_FLAG_RETPOLINE = 1 << 2,    /* fallback goes through a retpoline.  */
  DP_FLAG_STATIC_CHAIN = 1 << 3, /* %r10 carries a static chain.  */
  DP_FLAG_MS_ABI = 1 << 4,       /* callee uses the ms_abi convention.  */
  DP_FLAG_CALL_KNOWN = 1 << 5,   /* call_rel is valid.  */
  DP_FLAG_SHARED = 1 << 6,       /* state_rel is a shared family state.  */
  DP_FLAG_GUARDED = 1 << 7       /* the call has the inline guard.  */
};

/* The inline guard (plugin option inline-guard, the default with
   align-calls).  A guarded call site is

       movq  TARGET, %r11
       cmpq  state.guard(%rip), %r11      4c 3b 1d rel32
       call  .Ldp_guard_N                 call_rel: the stub's guard
					  (entry - 24, above), which
					  takes the compare's flags:
					  jne entry, else the counter and
					  the hit patch point (entry - 8)

   one call instruction, so the callee sees one return address whether
   the guard hit or missed, as in the plain build.  Objects built before
   (same ABI) call the hit patch point itself after their own jne and
   counter, with an out-of-line call of the entry for misses; the
   runtime tells them apart by where the call goes.  A guarded sibcall
   is

       cmpq  state.guard(%rip), %r11
       jne   .Ldp_miss_N                  the entry, under a second name
       addq  $1, state.direct_hits(%rip)  (or incq)
       jmp   .Ldp_hit_N                   call_rel: the hit patch point

   The runtime may point the hit patch point at a function F only while
   the guard holds F and a grace period has shown that no thread is
   between the compare and the hit point's jump having read an older
   guard.  Both words are written only by the runtime (the hit counter
   by the call path, without a lock: a count, not an invariant).  The
   call instructions themselves are never written.  */
#define DP_STATE_GUARD_OFFSET 8
#define DP_STATE_HITS_OFFSET 16

/* Shared learning (dynpromote_shared ("family"), DYNPROMOTE_SHARED,
   dynamic_call): every site of a family in one linked object points its
   state_rel at one state, the comdat, hidden symbol
   DP_SHARED_PREFIX FAMILY [.MODE], where MODE (r retpoline, i IBT,
   n notrack, in that order; absent for a plain build) keeps apart sites
   whose stubs jump differently, so any member's stub can serve the
   family's trampoline.  The state lives in .data: the family name,
   NUL-terminated, follows its DP_STATE_SIZE bytes, for the dump.  */
#define DP_SHARED_PREFIX "__dynpromote_shared_v3_"
#define DP_SHARED_NAME_MAX 64

/* The first two fields never move, whatever the version: a runtime that
   refuses a record's version still finds its countdown, to quiet it.
   24 bytes: what a site has of its own; its file and function names are
   in a descriptor (struct dp_site_loc, in .rodata) that the sites of a
   function share, and the line and column are packed (saturating).  */
struct dp_site_record
{
  uint16_t abi;             /* DYNPROMOTE_ABI_VERSION the object was built for.  */
  uint8_t kind : 4;         /* enum dp_site_kind.  */
  uint8_t max_targets : 4;  /* plugin's max-targets= (1-8); 0 = runtime's.  */
  uint8_t flags;            /* enum dp_site_flags.  */
  int32_t state_rel;        /* the per-site learning state.  */
  int32_t call_rel;         /* the call or jmp instruction (5 bytes).  */
  int32_t entry_rel;        /* the per-site entry stub.  */
  int32_t loc_rel;          /* struct dp_site_loc of its file and function.  */
  uint32_t line : 20;       /* at most DP_LINE_MAX.  */
  uint32_t column : 12;     /* at most DP_COLUMN_MAX.  */
};

/* One a function (and file: a site inlined from a header has its own),
   shared by its sites.  */
struct dp_site_loc
{
  int32_t file_rel;         /* source file name, NUL-terminated.  */
  int32_t func_rel;         /* assembler name of the enclosing function.  */
};

#define DP_LINE_MAX 0xfffff
#define DP_COLUMN_MAX 0xfff
#define DP_SITE_LOC_SIZE 8
#define DP_SITE_RECORD_SIZE 24

/* static_call (include/dynpromote/static_call.h).  The plugin emits, in
   every unit that calls through a static-call key, a hidden comdat
   trampoline for the key:

     +0   endbr64 (under -fcf-protection=branch: the trampoline is also
          what static_call (name) evaluates to, so it may be called
          indirectly) or a 4-byte nop, then a 4-byte nop
     +8   8 bytes, 8-byte aligned patch point: jmp +16 (e9 03 00 00 00
          0f 1f 00), or jmp <current function> when the runtime can reach
          it with a rel32; one aligned store switches it
     +16  movq key@GOTPCREL(%rip), %r11; movq 8(%r11), %r11
          (the key's target) and the indirect jump to %r11, protected as
          the build asks

   so a call through the trampoline is right before the runtime has done
   anything, with the runtime disabled, and while it patches.  Each call
   to a trampoline is padded into one aligned 8-byte word (like a
   rewritten call) so the runtime can point it straight at the current
   function.  One record per trampoline and per call, in
   DP_SCALL_SECTION (writable: the key's address is relocated, and the
   runtime keeps a byte of state in each record), registered by one
   comdat constructor per linked object.  */
#define DP_SCALL_SECTION "dynpromote_scall_v3"
#define DP_SCALL_TRAMP_SECTION "dynpromote_scall_tramps"
#define DP_SCALL_CTOR_SYMBOL "__dynpromote_scall_ctor_v3"
#define DP_SCALL_DTOR_SYMBOL "__dynpromote_scall_dtor_v3"
#define DP_SCALL_OBJECT_SYMBOL "__dynpromote_scall_object_v3"
#define DP_SCALL_REGISTER_SYMBOL "__dynpromote_register_static_calls"
#define DP_SCALL_UNREGISTER_SYMBOL "__dynpromote_unregister_static_calls"
#define DP_SCALL_TRAMP_PREFIX "__dynpromote_scall_tramp_"
#define DP_SCALL_KEY_PREFIX "__dynpromote_scall_key_"
#define DP_SCALL_ATTRIBUTE_NAME "dynpromote_static_call"
#define DP_SCALL_PATCH_OFFSET 8
#define DP_SCALL_FALLBACK_OFFSET 16

enum dp_scall_kind
{
  DP_SCALL_TRAMPOLINE = 1,  /* code_rel: a key's trampoline.  */
  DP_SCALL_CALL = 2,        /* code_rel: call trampoline (e8 rel32).  */
  DP_SCALL_JMP = 3          /* code_rel: jmp trampoline (e9 rel32).  */
};

struct dp_scall_record
{
  uint16_t abi;        /* DYNPROMOTE_ABI_VERSION.  */
  uint8_t kind;        /* enum dp_scall_kind.  */
  uint8_t state;       /* the runtime's; 0 as built.  */
  int32_t code_rel;    /* the trampoline or the call instruction.  */
  int32_t tramp_rel;   /* the trampoline the call reaches.  */
  uint32_t line;       /* source line of a call; 0 for a trampoline.  */
  uint64_t key;        /* address of the key (relocated).  */
};

#define DP_SCALL_RECORD_SIZE 24

/* The location descriptor of site record REC.  */
#define DP_SITE_LOC(rec) ((const struct dp_site_loc *) DP_REL (rec, loc_rel))

/* Resolve a self-relative field.  */
#define DP_REL(rec, field) \
  ((const void *) ((const char *) &(rec)->field + (rec)->field))

#endif /* DYNPROMOTE_ABI_H */
