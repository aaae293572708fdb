/* dynpromote-emit.cc - assembly emitted for each rewritten site, and once
   per translation unit.

   Per site N, written out while the RTL pass runs (between two functions
   of the assembly file, each block inside .pushsection/.popsection):

   dynpromote_stubs   the entry stub .Ldp_entry_N, also the local function
		      symbol dynpromote.stub.FUNCTION.N (layout:
		      dynpromote/abi.h):
			  a guarded call only: .Ldp_guard_N, the rest of
			     the inline guard (jne entry; the hit counter;
			     a nop), which the call reaches;
			  a guarded site only: .Ldp_hit_N, the hit patch
			     point (jmp entry, until the runtime points it
			     at the guard's target), which a guard hit
			     reaches;
			  8 bytes of NOPs, 8-byte aligned: the patch point
			     the promotion engine replaces with one aligned
			     store (a jmp to the site's trampoline);
			  call  the object's sampling routine, which
			     counts down and samples 1 call in P;
			jump:
			  jmp   *%r11   (or notrack jmp, or a retpoline)
		      The first stub of a unit is preceded by the comdat
		      bracket section dynpromote_stubs_0 and the unit ends
		      with dynpromote_stubs_9: page-aligned, one int3
		      each, so that a linked object's stubs fill whole
		      pages of their own, the only pages of it the runtime
		      writes.
   dynpromote_sites_v3  the read-only, self-relative site record (local
		      object symbol dynpromote.record.FUNCTION.N), 24
		      bytes;
   .rodata.dynpromote.loc  its function's location descriptor (file
		      and function names), once a function and file;
   .bss               the site's learning state (DP_STATE_SIZE bytes,
		      dynpromote.state.FUNCTION.N);
		      or, for a site of a dynpromote_shared family, a
		      reference to the family's state, emitted once per
		      unit in a comdat group of its own (one copy per
		      linked object), followed by the family name.

   The only indirect branches dynpromote emits are the stub's jump and
   the sampling routine's call of the sampler through the GOT, both with
   the protection the compiler would give the original call: retpoline
   (thunk, thunk-inline, thunk-extern), notrack for nocf_check pointers,
   int3 after them under -mharden-sls.  Runtime trampolines contain
   direct branches only (a target in another object is reached through
   the object's own PLT entry, a branch its direct calls already take).

   Per translation unit with sites or static calls, first of all, a word
   that refers to the runtime's link-check symbol, whose name tells a link
   that lacks the runtime how to fix it (dynpromote/abi.h).

   Per translation unit with at least one site, a comdat group (one copy
   per linked object) holds the registration constructor (which also
   passes the bracketed stub pages), the matching
   destructor, the runtime's per-object slot and their .init_array and
   .fini_array entries; a comdat sampling routine per protection mode
   used; and, for -mindirect-branch=thunk, a comdat retpoline thunk for
   %r11 under dynpromote's own name.  */

#include "dynpromote-plugin.h"
#include "dynpromote/abi.h"
#include "hash-map.h"
#include "hash-set.h"

static unsigned dp_site_count;
static bool dp_thunk_needed;
static unsigned dp_string_count;
static hash_map<nofree_string_hash, unsigned> *dp_strings;
static hash_set<nofree_string_hash> *dp_shared_states;

unsigned
dp_next_site_number (void)
{
  return dp_site_count++;
}

/* Someone's -mindirect-branch=thunk jump needs __dynpromote_thunk_r11.  */

void
dp_request_thunk (void)
{
  dp_thunk_needed = true;
}

/* Emit STR as a .string directive, escaped.  */

static void
dp_output_string (FILE *f, const char *str)
{
  fputs ("\t.string \"", f);
  for (const unsigned char *p = (const unsigned char *) str; *p; p++)
    {
      if (*p == '"' || *p == '\\')
	fprintf (f, "\\%c", *p);
      else if (ISPRINT (*p))
	fputc (*p, f);
      else
	fprintf (f, "\\%03o", *p);
    }
  fputs ("\"\n", f);
}

/* The label of string STR in this unit's string table, emitting it the
   first time.  */

static unsigned
dp_string_label (FILE *f, const char *str)
{
  if (!dp_strings)
    dp_strings = new hash_map<nofree_string_hash, unsigned>;
  if (unsigned *known = dp_strings->get (str))
    return *known;
  unsigned n = dp_string_count++;
  dp_strings->put (xstrdup (str), n);
  fprintf (f, "\t.pushsection .rodata.dynpromote,\"a\",@progbits\n"
	   ".Ldp_str_%u:\n", n);
  dp_output_string (f, str);
  fputs ("\t.popsection\n", f);
  return n;
}

/* The label of the location descriptor (struct dp_site_loc) of file
   FILE and function FUNC, emitting it the first time: one per function
   (and file) a unit, shared by its sites.  */

static hash_map<nofree_string_hash, unsigned> *dp_locs;
static unsigned dp_loc_count;

static unsigned
dp_loc_label (FILE *f, const char *file, const char *func)
{
  if (!dp_locs)
    dp_locs = new hash_map<nofree_string_hash, unsigned>;
  /* A NUL cannot be in either name, a newline not in an assembler
     name.  */
  const char *key = ACONCAT ((func, "\n", file, NULL));
  if (unsigned *known = dp_locs->get (key))
    return *known;
  unsigned file_label = dp_string_label (f, file);
  unsigned func_label = dp_string_label (f, func);
  unsigned n = dp_loc_count++;
  dp_locs->put (xstrdup (key), n);
  fprintf (f, "\t.pushsection .rodata.dynpromote.loc,\"a\",@progbits\n"
	   "\t.p2align 2\n"
	   ".Ldp_loc_%u:\n"
	   "\t.long .Ldp_str_%u - .\n"
	   "\t.long .Ldp_str_%u - .\n"
	   "\t.popsection\n", n, file_label, func_label);
  return n;
}

/* Open section NAME for one site's block.  A site of a function in a
   comdat group (C++ inline functions, templates) puts its block in the
   same group, so the linker keeps or discards them together; otherwise
   the record of a discarded copy would point into a discarded section.
   The block is written in AT&T syntax whatever -masm= says.  */

void
dp_push_section (FILE *f, const char *name, const char *flags,
		 const char *type)
{
  tree group = DECL_COMDAT_GROUP (current_function_decl);
  if (group)
    fprintf (f, "\t.pushsection %s,\"%sG\",%s,%s,comdat\n", name, flags,
	     type, IDENTIFIER_POINTER (group));
  else
    fprintf (f, "\t.pushsection %s,\"%s\",%s\n", name, flags, type);
  if (ASSEMBLER_DIALECT == ASM_INTEL)
    fputs ("\t.att_syntax prefix\n", f);
}

void
dp_pop_section (FILE *f)
{
  if (ASSEMBLER_DIALECT == ASM_INTEL)
    fputs ("\t.intel_syntax noprefix\n", f);
  fputs ("\t.popsection\n", f);
}

/* The two sections that bracket a linked object's stubs with whole
   pages (dynpromote/abi.h): one page-aligned int3 each, in a comdat
   group of their own, so one copy per linked object.  The first is
   emitted before this unit's first stub, so that the object file, and
   ld's placement of these orphan sections, has them in the order
   first, stubs, last.  */

static bool dp_stub_bracket_open;

static void
dp_output_stub_bracket (FILE *f, const char *name)
{
  fprintf (f, "\t.pushsection %s,\"axG\",@progbits,%s,comdat\n"
	   "\t.p2align %d, 0xcc\n"
	   "\t.byte 0xcc\n"
	   "\t.popsection\n", name, name, exact_log2 (DP_STUBS_PAGE));
}

/* Open DP_STUBS_SECTION for a stub (or, with GROUP, a static-call
   trampoline's comdat group).  */

void
dp_push_stubs_section (FILE *f, const char *group)
{
  if (!dp_stub_bracket_open)
    {
      dp_output_stub_bracket (f, DP_STUBS_FIRST_SECTION);
      dp_stub_bracket_open = true;
    }
  if (group)
    fprintf (f, "\t.pushsection %s,\"axG\",@progbits,%s,comdat\n",
	     DP_STUBS_SECTION, group);
  else
    dp_push_section (f, DP_STUBS_SECTION, "ax", "@progbits");
}

/* Emit INSN, which moves the stack pointer by DELTA bytes (a push is 8),
   with the CFI that tells unwinders so.  */

static void
dp_output_stack_insn (FILE *f, bool cfi, const char *insn, int delta)
{
  fprintf (f, "\t%s\n", insn);
  if (cfi)
    fprintf (f, "\t.cfi_adjust_cfa_offset %d\n", delta);
}

/* The stub's indirect jump to %r11, protected as the build asks.  */

static void
dp_output_indirect_jump (FILE *f, const dp_site_info &site, bool cfi)
{
  switch (cfun->machine->indirect_branch_type)
    {
    case indirect_branch_thunk:
      fprintf (f, "\tjmp\t%s\n", DP_THUNK_SYMBOL);
      dp_thunk_needed = true;
      return;
    case indirect_branch_thunk_extern:
      fputs ("\tjmp\t__x86_indirect_thunk_r11\n", f);
      return;
    case indirect_branch_thunk_inline:
      /* A retpoline: the call's return address is replaced by the
	 target, so the only prediction made is the pause/lfence trap.  */
      fprintf (f, "\tcall\t.Ldp_rp_set_%u\n"
	       ".Ldp_rp_trap_%u:\n"
	       "\tpause\n"
	       "\tlfence\n"
	       "\tjmp\t.Ldp_rp_trap_%u\n"
	       ".Ldp_rp_set_%u:\n",
	       site.number, site.number, site.number, site.number);
      if (cfi)
	fputs ("\t.cfi_adjust_cfa_offset 8\n", f);
      fputs ("\tmovq\t%r11, (%rsp)\n", f);
      dp_output_stack_insn (f, cfi, "ret", -8);
      if (ix86_harden_sls & harden_sls_return)
	fputs ("\tint3\n", f);
      return;
    default:
      break;
    }
  bool notrack = site.notrack && (flag_cf_protection & CF_BRANCH);
  fprintf (f, "\t%sjmp\t*%%r11\n", notrack ? "notrack " : "");
  if (ix86_harden_sls & harden_sls_indirect_jmp)
    fputs ("\tint3\n", f);
}

/* Bytes dp_output_indirect_jump emits for SITE.  */

static unsigned
dp_indirect_jump_size (const dp_site_info &site)
{
  bool sls_ret = (ix86_harden_sls & harden_sls_return) != 0;
  switch (cfun->machine->indirect_branch_type)
    {
    case indirect_branch_thunk:
    case indirect_branch_thunk_extern:
      return 5;
    case indirect_branch_thunk_inline:
      /* call 5, pause 2, lfence 3, jmp 2, movq 4, ret 1 (+ int3).  */
      return 17 + sls_ret;
    default:
      break;
    }
  bool notrack = site.notrack && (flag_cf_protection & CF_BRANCH);
  return 3 + notrack + ((ix86_harden_sls & harden_sls_indirect_jmp) != 0);
}

/* The shared sampling routine every stub's learning path calls, one per
   linked object and protection mode (so a retpoline unit never shares a
   plain unit's routine).  It is called with 0(%rsp) = entry + 13, the
   site's own jump.  It finds the site's record through the index the
   runtime keeps in the object's slot (dynpromote/abi.h; none before
   registration: then it returns at once), decrements the countdown
   and, when it goes negative, pushes the target, %r10 and the record
   (the frame __dynpromote_sample reads, runtime/x86_64/sample.S) and
   calls the sampler.  It returns to the stub, so the return stays
   paired with its call (return-stack predictions and shadow stacks
   hold).  Every argument register, %rax, %r10 and %r11 come back
   intact; flags are dead.  The sampler is called through the GOT, not
   the PLT: a tracer that plants breakpoints on PLT calls and their
   return addresses (ltrace) would otherwise write into stub pages,
   which are runtime memory once promoted.  Protected as the unit's
   build asks: %r11 is free there (the target is on the stack).  */

/* How a routine calls the sampler: through the GOT, or the GOT's value
   through our retpoline thunk or the compiler's external one.  */
enum dp_sample_call_kind { DP_SAMPLE_GOT, DP_SAMPLE_THUNK, DP_SAMPLE_EXTERN };

/* Which routines (kind * 2 + harden-sls) this unit uses.  */
static bool dp_slow_routine_used[6];

static const char *
dp_slow_routine_name (int kind, bool sls)
{
  static const char *const modes[3] = { "", ".t", ".x" };
  static char name[64];
  snprintf (name, sizeof name, "%s%s%s", DP_SLOW_SYMBOL, modes[kind],
	    sls ? ".s" : "");
  return name;
}

static const char *
dp_slow_routine_symbol (void)
{
  int kind = DP_SAMPLE_GOT;
  switch (cfun->machine->indirect_branch_type)
    {
    case indirect_branch_thunk:
    case indirect_branch_thunk_inline:
      kind = DP_SAMPLE_THUNK;
      dp_thunk_needed = true;
      break;
    case indirect_branch_thunk_extern:
      kind = DP_SAMPLE_EXTERN;
      break;
    default:
      break;
    }
  bool sls = (ix86_harden_sls & harden_sls_return) != 0;
  dp_slow_routine_used[kind * 2 + sls] = true;
  return ggc_strdup (dp_slow_routine_name (kind, sls));
}

static unsigned
dp_site_flags (const dp_site_info &site)
{
  unsigned flags = DP_FLAG_CALL_KNOWN;
  if (site.notrack)
    flags |= DP_FLAG_NOTRACK;
  if (flag_cf_protection & CF_BRANCH)
    flags |= DP_FLAG_IBT;
  if (cfun->machine->indirect_branch_type != indirect_branch_keep)
    flags |= DP_FLAG_RETPOLINE;
  if (site.static_chain)
    flags |= DP_FLAG_STATIC_CHAIN;
  if (site.ms_abi)
    flags |= DP_FLAG_MS_ABI;
  if (site.guarded)
    flags |= DP_FLAG_GUARDED;
  return flags;
}

/* The symbol of the state shared by SITE's family, emitting the state
   the first time in this unit.  Sites whose stubs jump differently
   (retpoline, IBT, notrack) get different states: the family's
   trampoline falls back to one member's stub, which must protect the
   jump as every member's would.  */

static const char *
dp_shared_state_symbol (const dp_site_info &site)
{
  unsigned flags = dp_site_flags (site);
  char mode[8], *m = mode;
  if (flags & DP_FLAG_RETPOLINE)
    *m++ = 'r';
  if (flags & DP_FLAG_IBT)
    *m++ = 'i';
  if ((flags & DP_FLAG_NOTRACK) && (flags & DP_FLAG_IBT))
    *m++ = 'n';
  *m = 0;
  return ggc_strdup (ACONCAT ((DP_SHARED_PREFIX, site.family,
			       mode[0] ? "." : "", mode, NULL)));
}

/* The symbol of SITE's learning state (its own or its family's), which
   the inline guard reads before it is emitted.  */

const char *
dp_state_symbol (const dp_site_info &site)
{
  if (site.family)
    return dp_shared_state_symbol (site);
  char own[32];
  snprintf (own, sizeof own, ".Ldp_state_%u", site.number);
  return ggc_strdup (own);
}

static const char *
dp_shared_state (FILE *f, const dp_site_info &site)
{
  const char *sym = dp_shared_state_symbol (site);
  if (!dp_shared_states)
    dp_shared_states = new hash_set<nofree_string_hash>;
  if (dp_shared_states->contains (sym))
    return ggc_strdup (sym);
  dp_shared_states->add (xstrdup (sym));

  /* .data, not .bss: the family name follows the state, for the dump.  */
  fprintf (f, "\t.pushsection .data.%s,\"awG\",@progbits,%s,comdat\n"
	   "\t.p2align %d\n"
	   "\t.globl %s\n"
	   "\t.hidden %s\n"
	   "\t.type %s, @object\n"
	   "\t.size %s, %d\n"
	   "%s:\n"
	   "\t.zero %d\n",
	   sym, sym, exact_log2 (DP_STATE_ALIGN), sym, sym, sym, sym,
	   DP_STATE_SIZE + (int) strlen (site.family) + 1, sym,
	   DP_STATE_SIZE);
  dp_output_string (f, site.family);
  fputs ("\t.popsection\n", f);
  return ggc_strdup (sym);
}

/* The reference to DP_LINK_CHECK_SYMBOL (see dynpromote/abi.h), in a
   section that comes before every other one of ours in the object, so
   that ld reports it first; retained ("R") so --gc-sections keeps it,
   and comdat so a linked object carries one word and one relocation.  */
static bool dp_link_check_done;

static void
dp_output_link_check (FILE *f)
{
  if (dp_link_check_done)
    return;
  dp_link_check_done = true;
  fprintf (f, "\t.pushsection .data.rel.ro.dynpromote.link,\"awGR\","
	   "@progbits,%s,comdat\n"
	   "\t.p2align 3\n"
	   "\t.quad \"%s\"\n"
	   "\t.popsection\n", DP_LINK_CHECK_GROUP, DP_LINK_CHECK_SYMBOL);
}

void
dp_emit_site (const dp_site_info &site)
{
  FILE *f = asm_out_file;
  dp_output_link_check (f);
  unsigned n = site.number;
  expanded_location xloc = expand_location (site.location);

  unsigned loc_label = dp_loc_label (f, xloc.file ? xloc.file : "?",
				     site.function);

  /* Learning state: the site's own, or its family's.  */
  const char *state = dp_state_symbol (site);
  unsigned flags = dp_site_flags (site);
  if (site.family)
    {
      dp_shared_state (f, site);
      flags |= DP_FLAG_SHARED;
    }
  else
    {
      dp_push_section (f, ".bss.dynpromote", "aw", "@nobits");
      fprintf (f, "\t.p2align %d\n"
	       "\t.type \"dynpromote.state.%s.%u\", @object\n"
	       "\t.size \"dynpromote.state.%s.%u\", %d\n"
	       "\"dynpromote.state.%s.%u\":\n"
	       "%s:\n"
	       "\t.zero %d\n",
	       exact_log2 (DP_STATE_ALIGN), site.function, n, site.function,
	       n, DP_STATE_SIZE, site.function, n, state, DP_STATE_SIZE);
      dp_pop_section (f);
    }

  /* Site record: must match struct dp_site_record (24 bytes).  */
  unsigned line = MIN ((unsigned) MAX (xloc.line, 0), DP_LINE_MAX);
  unsigned column = MIN ((unsigned) MAX (xloc.column, 0), DP_COLUMN_MAX);
  dp_push_section (f, DP_SITES_SECTION, "a", "@progbits");
  fprintf (f, "\t.p2align 3\n"
	   "\t.type \"dynpromote.record.%s.%u\", @object\n"
	   "\t.size \"dynpromote.record.%s.%u\", %d\n"
	   "\"dynpromote.record.%s.%u\":\n"
	   "\t.short %d\n"
	   "\t.byte %u, %u\n"
	   "\t.long %s - .\n"
	   "\t.long .Ldp_call_%u - .\n"
	   "\t.long .Ldp_entry_%u - .\n"
	   "\t.long .Ldp_loc_%u - .\n"
	   "\t.long %u\n",
	   site.function, n, site.function, n, DP_SITE_RECORD_SIZE,
	   site.function, n, DYNPROMOTE_ABI_VERSION,
	   (site.jump ? DP_KIND_JUMP
	    : site.sibcall ? DP_KIND_SIBCALL : DP_KIND_CALL)
	   | (dp_settings.max_targets << 4), flags,
	   state, n, n, loc_label, line | (column << 20));
  dp_pop_section (f);

  /* A jump's stub comes later, with its function's CFI
     (dynpromote-jumps.cc).  */
  if (!site.jump)
    dp_emit_stub (site);
}

/* SITE's entry stub.  */

void
dp_emit_stub (const dp_site_info &site)
{
  FILE *f = asm_out_file;
  unsigned n = site.number;
  bool cfi = dwarf2out_do_cfi_asm ();

  /* Entry stub, laid out as dynpromote/abi.h says.  A stub whose size
     is a multiple of 16 starts 16-byte aligned (a plain one then never
     crosses a cache line); others only 8-byte aligned, so they waste
     no padding.  */
  dp_push_stubs_section (f, NULL);
  bool guarded_call = site.guarded && !site.sibcall;
  unsigned size = (guarded_call ? DP_GUARD_PREFIX_SIZE : 0)
		  + (site.guarded ? 8 : 0) + DP_ENTRY_JUMP_OFFSET
		  + dp_indirect_jump_size (site);
  size = (size + 7) & ~7u;
  /* A local symbol of its own, so that objdump, gdb and perf name the
     stub (dynpromote.stub.FUNCTION.N) rather than the nearest global
     symbol before it.  */
  fprintf (f, "\t.p2align %d, 0xcc\n"
	   "\t.type \"dynpromote.stub.%s.%u\", @function\n"
	   "\"dynpromote.stub.%s.%u\":\n", size % 16 ? 3 : 4,
	   site.function, n, site.function, n);
  if (cfi)
    {
      fputs ("\t.cfi_startproc\n", f);
      /* A jump's stub runs in the frame of the function that jumped,
	 with nothing pushed: the directives that led to the frame state
	 at the jump, replayed at the stub's start, give it the
	 function's unwind rules there.  (A rule giving the jump as the
	 stub's return address, so that the function would show as its
	 caller, needs DW_OP_GNU_encoded_addr: gdb 13 refuses it.)  */
      if (site.cfi_state)
	for (dw_cfi_ref c : *site.cfi_state)
	  output_cfi_directive (f, c);
    }
  /* A guarded call's guard goes on here, with the flags of the compare
     before its call: a miss to the entry, a hit counted and on to the
     hit patch point.  16 bytes, so the hit point stays 8-byte aligned;
     the runtime finds the guard there (dynpromote/abi.h).  */
  if (guarded_call)
    fprintf (f, ".Ldp_guard_%u:\n"
	     "\t.byte 0x75, 0x16\n"
	     "\taddq\t$1, %s+%d(%%rip)\n"
	     "\t.byte 0x66, 0x0f, 0x1f, 0x44, 0x00, 0x00\n"
	     "\t.if . - .Ldp_guard_%u - %d\n"
	     "\t.error \"dynpromote: guard prefix of site %u is not %d"
	     " bytes\"\n"
	     "\t.endif\n",
	     n, dp_state_symbol (site), DP_STATE_HITS_OFFSET, n,
	     DP_GUARD_PREFIX_SIZE, n, DP_GUARD_PREFIX_SIZE);
  /* A guarded site's hit patch point: jmp +3, to the entry, until the
     runtime points it at the guard's target.  */
  if (site.guarded)
    fprintf (f, ".Ldp_hit_%u:\n"
	     "\t.byte 0xe9, 0x03, 0x00, 0x00, 0x00, 0x0f, 0x1f, 0x00\n", n);
  fprintf (f, ".Ldp_entry_%u:\n", n);
  /* The guard's miss path enters here too, under its own name.  */
  if (site.guarded)
    fprintf (f, ".Ldp_miss_%u:\n", n);
  /* The learning path: the patch point's nops fall into the call of the
     object's sampling routine, which finds the record from its return
     address (the runtime's index) and returns to the site's own jump:
     the return stays paired with its call.  */
  fprintf (f, "\t.byte 0x0f, 0x1f, 0x44, 0x00, 0x00, 0x0f, 0x1f, 0x00\n"
	   "\tcall\t%s\n"
	   ".Ldp_jump_%u:\n",
	   dp_slow_routine_symbol (), n);
  /* An inline retpoline moves the stack pointer: say so only where
     the CFA is computed from it.  */
  dp_output_indirect_jump (f, site, cfi && (!site.jump || site.cfa_on_sp));
  fputs ("\t.p2align 3, 0xcc\n", f);
  if (cfi)
    fputs ("\t.cfi_endproc\n", f);
  fprintf (f, "\t.size \"dynpromote.stub.%s.%u\","
	   " .-\"dynpromote.stub.%s.%u\"\n",
	   site.function, n, site.function, n);
  dp_pop_section (f);
}

/* Start a hidden function NAME in comdat group GROUP.  Functions reached
   indirectly (.init_array, .fini_array) begin with endbr64 under IBT.  */

static void
dp_output_comdat_function_start (FILE *f, const char *name, const char *group)
{
  fprintf (f, "\t.section .text.%s,\"axG\",@progbits,%s,comdat\n"
	   "\t.p2align 4\n"
	   "\t.globl %s\n"
	   "\t.hidden %s\n"
	   "\t.type %s, @function\n"
	   "%s:\n",
	   name, group, name, name, name, name);
  if (flag_cf_protection & CF_BRANCH)
    fputs ("\tendbr64\n", f);
}

static void
dp_output_function_end (FILE *f, const char *name)
{
  fprintf (f, "\t.size %s, .-%s\n", name, name);
}

/* The retpoline thunk for %r11 used by -mindirect-branch=thunk stubs.
   Same sequence as GCC's own __x86_indirect_thunk_r11, under a name of
   ours: GCC emits its thunk only for registers its own code used.  */

static void
dp_output_thunk (FILE *f)
{
  dp_output_comdat_function_start (f, DP_THUNK_SYMBOL, DP_THUNK_SYMBOL);
  fputs ("\tcall\t1f\n"
	 "2:\tpause\n"
	 "\tlfence\n"
	 "\tjmp\t2b\n"
	 "1:\tmovq\t%r11, (%rsp)\n"
	 "\tret\n", f);
  dp_output_function_end (f, DP_THUNK_SYMBOL);
}

/* The shared sampling routine of KIND (see dp_slow_routine_symbol).  */

static void
dp_output_slow_routine (FILE *f, int kind, bool sls)
{
  const char *name = dp_slow_routine_name (kind, sls);
  const char *slot = DP_OBJECT_SYMBOL;
  const char *ret = sls ? "\tret\n\tint3\n" : "\tret\n";
  bool cfi = dwarf2out_do_cfi_asm ();
  dp_output_comdat_function_start (f, name, name);
  if (cfi)
    fputs ("\t.cfi_startproc\n", f);
  fprintf (f, "\tcmpq\t$0, %s+%d(%%rip)\n"
	   "\tjne\t1f\n%s", slot, DP_OBJECT_INDEX_OFFSET, ret);
  fputs ("1:\n", f);
  dp_output_stack_insn (f, cfi, "pushq\t%rax", 8);
  dp_output_stack_insn (f, cfi, "pushq\t%rcx", 8);
  /* (entry + 13 - stubs_lo) >> 3 is the entry's index plus 1.  The
     index is loaded again and tested again: the runtime may have taken
     it away since the first test (at exit, while other threads still
     call), and it keeps the memory, not the pointer.  */
  fprintf (f, "\tmovq\t%s+%d(%%rip), %%rax\n"
	   "\ttestq\t%%rax, %%rax\n"
	   "\tjz\t2f\n"
	   "\tmovq\t16(%%rsp), %%rcx\n"
	   "\tsubq\t%s+%d(%%rip), %%rcx\n"
	   "\tshrq\t$%d, %%rcx\n"
	   "\tmovslq\t-4(%%rax,%%rcx,4), %%rcx\n"
	   "\ttestq\t%%rcx, %%rcx\n"
	   "\tjz\t2f\n"
	   "\taddq\t%s+%d(%%rip), %%rcx\n"
	   /* %rcx is the record + 1; its state_rel is at 3(%rcx).  */
	   "\tmovslq\t3(%%rcx), %%rax\n"
	   "\tdecl\t3+%d(%%rcx,%%rax)\n"
	   "\tjs\t3f\n"
	   "2:\n",
	   slot, DP_OBJECT_INDEX_OFFSET, slot, DP_OBJECT_STUBS_LO_OFFSET,
	   DP_STUBS_INDEX_SHIFT, slot, DP_OBJECT_RECORDS_OFFSET,
	   DP_STATE_COUNTDOWN_OFFSET);
  dp_output_stack_insn (f, cfi, "popq\t%rcx", -8);
  dp_output_stack_insn (f, cfi, "popq\t%rax", -8);
  fputs (ret, f);
  /* Sample: 0(%rsp) rcx, 8 rax, 16 the return address.  */
  if (cfi)
    fputs ("\t.cfi_adjust_cfa_offset 16\n", f);
  fputs ("3:\n"
	 "\tdecq\t%rcx\n", f);
  dp_output_stack_insn (f, cfi, "pushq\t%r11", 8);
  dp_output_stack_insn (f, cfi, "pushq\t%r10", 8);
  dp_output_stack_insn (f, cfi, "pushq\t%rcx", 8);
  fputs ("\tmovq\t24(%rsp), %rcx\n"
	 "\tmovq\t32(%rsp), %rax\n", f);
  switch (kind)
    {
    case DP_SAMPLE_THUNK:
      fprintf (f, "\tmovq\t%s@GOTPCREL(%%rip), %%r11\n"
	       "\tcall\t%s\n", DP_SAMPLE_SYMBOL, DP_THUNK_SYMBOL);
      break;
    case DP_SAMPLE_EXTERN:
      fprintf (f, "\tmovq\t%s@GOTPCREL(%%rip), %%r11\n"
	       "\tcall\t__x86_indirect_thunk_r11\n", DP_SAMPLE_SYMBOL);
      break;
    default:
      fprintf (f, "\tcall\t*%s@GOTPCREL(%%rip)\n", DP_SAMPLE_SYMBOL);
      break;
    }
  dp_output_stack_insn (f, cfi, "popq\t%r11", -8);
  dp_output_stack_insn (f, cfi, "popq\t%r10", -8);
  dp_output_stack_insn (f, cfi, "popq\t%r11", -8);
  dp_output_stack_insn (f, cfi, "popq\t%rcx", -8);
  dp_output_stack_insn (f, cfi, "popq\t%rax", -8);
  fputs (ret, f);
  if (cfi)
    fputs ("\t.cfi_endproc\n", f);
  dp_output_function_end (f, name);
}

/* The per-object registration: constructor, destructor, slot, and their
   .init_array/.fini_array entries, all in one comdat group so that each
   linked object registers exactly once, with its whole DP_SITES_SECTION
   (delimited by the linker's __start_/__stop_ symbols, hidden so each
   object sees its own).  */

void
dp_output_registration (FILE *f, const dp_registration &reg)
{
  const char *group = reg.ctor;

  dp_output_comdat_function_start (f, reg.ctor, group);
  fprintf (f, "\tmovl\t$%d, %%edi\n"
	   "\tleaq\t%s(%%rip), %%rsi\n"
	   "\tleaq\t__start_%s(%%rip), %%rdx\n"
	   "\tleaq\t__stop_%s(%%rip), %%rcx\n"
	   "\tleaq\t__start_%s(%%rip), %%r8\n"
	   "\tleaq\t__start_%s(%%rip), %%r9\n"
	   "\tjmp\t%s@PLT\n",
	   DYNPROMOTE_ABI_VERSION, reg.slot, reg.section, reg.section,
	   DP_STUBS_FIRST_SECTION, DP_STUBS_LAST_SECTION, reg.register_fn);
  dp_output_function_end (f, reg.ctor);

  dp_output_comdat_function_start (f, reg.dtor, group);
  fprintf (f, "\tleaq\t%s(%%rip), %%rdi\n"
	   "\tjmp\t%s@PLT\n",
	   reg.slot, reg.unregister_fn);
  dp_output_function_end (f, reg.dtor);

  fprintf (f, "\t.section .init_array,\"awG\",@init_array,%s,comdat\n"
	   "\t.p2align 3\n"
	   "\t.quad %s\n"
	   "\t.section .fini_array,\"awG\",@fini_array,%s,comdat\n"
	   "\t.p2align 3\n"
	   "\t.quad %s\n",
	   group, reg.ctor, group, reg.dtor);

  fprintf (f, "\t.section .bss.%s,\"awG\",@nobits,%s,comdat\n"
	   "\t.p2align 6\n"
	   "\t.globl %s\n"
	   "\t.hidden %s\n"
	   "\t.type %s, @object\n"
	   "\t.size %s, %d\n"
	   "%s:\n"
	   "\t.zero %d\n",
	   reg.slot, group, reg.slot, reg.slot, reg.slot, reg.slot,
	   DP_OBJECT_SLOT_SIZE, reg.slot, DP_OBJECT_SLOT_SIZE);

  fprintf (f, "\t.hidden __start_%s\n"
	   "\t.hidden __stop_%s\n"
	   "\t.hidden __start_%s\n"
	   "\t.hidden __start_%s\n",
	   reg.section, reg.section, DP_STUBS_FIRST_SECTION,
	   DP_STUBS_LAST_SECTION);
}

void
dp_emit_unit_end (void *, void *)
{
  if (!asm_out_file || (!dp_site_count && !dp_static_unit_has_work ()))
    return;
  /* Leave GCC's notion of the current section intact: everything below
     is bracketed by .pushsection/.popsection.  */
  fputs ("\t.pushsection .text\n", asm_out_file);
  if (ASSEMBLER_DIALECT == ASM_INTEL)
    fputs ("\t.att_syntax prefix\n", asm_out_file);
  dp_output_link_check (asm_out_file);
  dp_static_emit_unit_end (asm_out_file);
  /* Every unit with a registration has stubs or static-call
     trampolines, so the first bracket is out already.  */
  if (dp_stub_bracket_open)
    dp_output_stub_bracket (asm_out_file, DP_STUBS_LAST_SECTION);
  if (dp_site_count)
    {
      static const dp_registration sites = {
	DP_CTOR_SYMBOL, DP_DTOR_SYMBOL, DP_OBJECT_SYMBOL, DP_SITES_SECTION,
	DP_REGISTER_SYMBOL, DP_UNREGISTER_SYMBOL
      };
      dp_output_registration (asm_out_file, sites);
    }
  for (int i = 0; i < 6; i++)
    if (dp_slow_routine_used[i])
      dp_output_slow_routine (asm_out_file, i / 2, i % 2);
  if (dp_thunk_needed)
    dp_output_thunk (asm_out_file);
  if (ASSEMBLER_DIALECT == ASM_INTEL)
    fputs ("\t.intel_syntax noprefix\n", asm_out_file);
  fputs ("\t.popsection\n", asm_out_file);
}
