/* dynpromote-rewrite.cc - the RTL pass that rewrites indirect calls.

   For every indirect call or sibcall

       call  *TARGET                jmp  *TARGET          (sibcall)

   the pass emits

       movq  TARGET, %r11           movq  TARGET, %r11
     .Ldp_call_N:                 .Ldp_call_N:
       call  .Ldp_entry_N           jmp   .Ldp_entry_N

   and a per-site entry stub, record and learning state (see
   dynpromote-emit.cc).  In a function built with retpolines (by
   default; the inline-guard options force it either way) the call is
   guarded: compared with the site's hottest target first, the stub
   taking hits to its hit patch point (dp_add_inline_guard).  %r11 is
   the one general register that is neither an argument register nor
   preserved across calls, so nothing the callee
   expects (%rdi..%r9, %xmm0-7, %al, the %r10 static chain, the stack) is
   touched; a sibcall stays a jump, so tail recursion does not grow the
   stack.

   Why after "mach" (machine-dependent reorg), just before final:
   - registers are allocated and the prologue/epilogue and sibcalls are in
     their final form, so the copy into %r11 cannot be undone, spilled or
     scheduled away, and the label stays next to its call;
   - the CFG is already freed, so inserting insns needs no CFG upkeep;
   - variable tracking has already recorded the original call target, so
     the debug information still names the program's own target.

   The call is changed with validate_change, so any call the target cannot
   make direct (-mcmodel=large, -mforce-indirect-call) is left alone and
   reported in the dump instead of breaking the compilation.  */

#include "dynpromote-plugin.h"
#include "dynpromote/abi.h"

/* The assembler name of function DECL as the linker sees it (without
   the '*' GCC puts before names given with asm ("name")).  */

const char *
dp_function_asm_name (tree decl)
{
  const char *name = IDENTIFIER_POINTER (DECL_ASSEMBLER_NAME (decl));
  return name[0] == '*' ? name + 1 : name;
}

/* Bundle lock and unlock around one rewritten branch: 8-byte bundles
   (.bundle_align_mode 3) only while the lock lasts.  */
#define DP_BUNDLE_LOCK ".bundle_align_mode 3\n\t.bundle_lock"
/* The same for a 5-byte call or jmp (a 6-byte jne: DP_BUNDLE_LOCK6),
   aligned first with .p2align's skip limit: gas pads a bundle with
   one-byte nops, up to four executed in the hot path before a call,
   .p2align with one multi-byte nop; after it the bundle needs none.  */
#define DP_BUNDLE_LOCK5 ".p2align 3,,4\n\t" DP_BUNDLE_LOCK
#define DP_BUNDLE_LOCK6 ".p2align 3,,5\n\t" DP_BUNDLE_LOCK
#define DP_BUNDLE_UNLOCK ".bundle_unlock\n\t.bundle_align_mode 0"

/* A volatile ASM_INPUT with assembler TEXT, for emitting.  */

static rtx
dp_asm_text (const char *text, location_t loc)
{
  rtx x = gen_rtx_ASM_INPUT_loc (VOIDmode, ggc_strdup (text), loc);
  MEM_VOLATILE_P (x) = 1;
  return x;
}

/* Put the label PREFIX<NUMBER> on call INSN.  With align-calls (the
   default), the label and the call form one locked bundle of an 8-byte
   bundle mode, after a .p2align that does the padding with one nop: the
   5-byte call never crosses an aligned 8-byte word, so never a cache
   line (the runtime no longer writes it: docs/patching.md).  The label
   still names the call.  Returns the label's insn, and in *UNLOCK
   the insn that ends the bundle (NULL without align-calls).  */

rtx_insn *
dp_label_call (rtx_insn *insn, const char *prefix, unsigned number,
	       location_t loc, rtx_insn **unlock)
{
  char label[96];
  snprintf (label, sizeof label, "%s%s%u:",
	    dp_settings.align_calls ? DP_BUNDLE_LOCK5 "\n" : "", prefix,
	    number);
  rtx_insn *label_insn = emit_insn_before (dp_asm_text (label, loc), insn);
  *unlock = NULL;
  if (dp_settings.align_calls)
    *unlock = emit_insn_after (dp_asm_text (DP_BUNDLE_UNLOCK, loc), insn);
  return label_insn;
}

/* Why a whole function is left alone, or NULL.  */

const char *
dp_function_skip_reason (void)
{
  if (dp_settings.disable)
    return "disabled by -fplugin-arg-dynpromote-disable";
  if (dp_decl_opted_out_p (current_function_decl))
    return "function has attribute " DP_ATTRIBUTE_NAME;

  tree decl = current_function_decl;
  const char *source_name
    = DECL_NAME (decl) ? IDENTIFIER_POINTER (DECL_NAME (decl)) : "";
  const char *asm_name = dp_function_asm_name (decl);
  for (const char *name : dp_settings.exclude)
    if (!strcmp (name, source_name) || !strcmp (name, asm_name))
      return "function excluded by -fplugin-arg-dynpromote-exclude";
  return NULL;
}

/* True if X mentions a GOT slot: -fno-plt calls like
   call *foo@GOTPCREL(%rip) have a constant target.  */

static bool
dp_got_reference_p (const_rtx x)
{
  subrtx_iterator::array_type array;
  FOR_EACH_SUBRTX (iter, array, x, ALL)
    if (GET_CODE (*iter) == UNSPEC
	&& (XINT (*iter, 1) == UNSPEC_GOTPCREL || XINT (*iter, 1) == UNSPEC_GOT))
      return true;
  return false;
}

/* The function type called through MEM, from its MEM_EXPR, or NULL.  */

static tree
dp_called_pointer (const_rtx mem)
{
  tree expr = MEM_EXPR (mem);
  if (expr && TREE_CODE (expr) == MEM_REF)
    return TREE_OPERAND (expr, 0);
  return NULL_TREE;
}

/* True if the call through MEM was opted out (tagged by the GIMPLE pass,
   or its pointer type carries the attribute directly).  */

static bool
dp_call_opted_out_p (const_rtx mem)
{
  if (dp_mem_tagged_p (mem, DP_ATTRIBUTE_NAME))
    return true;
  tree pointer = dp_called_pointer (mem);
  return pointer && (dp_type_opted_out_p (TREE_TYPE (pointer))
		     || dp_decl_opted_out_p (pointer));
}

static bool
dp_ms_abi_call_p (const_rtx mem)
{
  tree pointer = dp_called_pointer (mem);
  if (!pointer || !POINTER_TYPE_P (TREE_TYPE (pointer)))
    return false;
  tree fntype = TREE_TYPE (TREE_TYPE (pointer));
  return lookup_attribute ("ms_abi", TYPE_ATTRIBUTES (fntype)) != NULL_TREE;
}

static bool
dp_uses_static_chain_p (const rtx_insn *insn)
{
  for (rtx link = CALL_INSN_FUNCTION_USAGE (insn); link; link = XEXP (link, 1))
    {
      rtx use = XEXP (link, 0);
      if (GET_CODE (use) == USE && REG_P (XEXP (use, 0))
	  && REGNO (XEXP (use, 0)) == R10_REG)
	return true;
    }
  return false;
}

/* Log one site to the pass dump.  */

void
dp_dump_site (const char *verb, const char *kind, unsigned number,
	      location_t loc, const char *reason)
{
  if (!dump_file)
    return;
  expanded_location xloc = expand_location (loc);
  const char *fn = dp_function_asm_name (current_function_decl);
  if (reason)
    fprintf (dump_file, "%s %s in %s at %s:%d: %s\n", verb, kind, fn,
	     xloc.file ? xloc.file : "?", xloc.line, reason);
  else
    fprintf (dump_file, "%s %s site %u in %s at %s:%d\n", verb, kind,
	     number, fn, xloc.file ? xloc.file : "?", xloc.line);
}

/* Peephole2 folds a load of the target into the call, as in
   jmp *-16(%rsp), and marks the result with (unspec UNSPEC_PEEPSIB) in
   a PARALLEL; those patterns accept only a memory target.  Once the
   target is in %r11 the fold is undone: drop the marker, so the plain
   direct call or sibcall pattern matches.  */

static rtx
dp_strip_peephole_marker (rtx pattern)
{
  if (GET_CODE (pattern) != PARALLEL)
    return pattern;
  int kept = 0;
  rtx elems[8];
  for (int i = 0; i < XVECLEN (pattern, 0); i++)
    {
      rtx e = XVECEXP (pattern, 0, i);
      if (GET_CODE (e) == UNSPEC && XINT (e, 1) == UNSPEC_PEEPSIB)
	continue;
      if (kept == 8)
	return pattern;
      elems[kept++] = e;
    }
  if (kept == XVECLEN (pattern, 0))
    return pattern;
  if (kept == 1)
    return elems[0];
  return gen_rtx_PARALLEL (VOIDmode, gen_rtvec_v (kept, elems));
}

/* Make the call in PATTERN a direct call of the local label
   PREFIX<NUMBER>.  */

static void
dp_set_call_target (rtx pattern, const char *prefix, unsigned number)
{
  char name[48];
  snprintf (name, sizeof name, "%s%u", prefix, number);
  rtx sym = gen_rtx_SYMBOL_REF (Pmode, ggc_strdup (name));
  SYMBOL_REF_FLAGS (sym) |= SYMBOL_FLAG_LOCAL | SYMBOL_FLAG_FUNCTION;
  rtx call = pattern;
  if (GET_CODE (call) == PARALLEL)
    call = XVECEXP (call, 0, 0);
  if (GET_CODE (call) == SET)
    call = SET_SRC (call);
  gcc_assert (GET_CODE (call) == CALL && MEM_P (XEXP (call, 0)));
  XEXP (XEXP (call, 0), 0) = sym;
}

/* (mem:DI STATE+OFFSET): a word of a site's learning state, addressed
   %rip-relative (the state is local to the linked object).  */

static rtx
dp_state_mem (const char *state, int offset)
{
  rtx sym = gen_rtx_SYMBOL_REF (Pmode, state);
  SYMBOL_REF_FLAGS (sym) |= SYMBOL_FLAG_LOCAL;
  return gen_rtx_MEM (DImode, gen_rtx_CONST (Pmode,
					     gen_rtx_PLUS (Pmode, sym,
							   GEN_INT (offset))));
}

/* Emit PATTERN before BEFORE as a recognised insn, or return NULL.  */

static rtx_insn *
dp_emit_recognised_before (rtx pattern, rtx_insn *before)
{
  rtx_insn *insn = emit_insn_before (pattern, before);
  if (recog_memoized (insn) < 0)
    {
      delete_insn (insn);
      return NULL;
    }
  return insn;
}

/* Whether the current function's rewritten calls get the inline guard.
   It pays where an indirect call is dear: with retpolines a hit skips
   the thunk.  Without them (plain and CET builds, what distributions
   ship) the branch predictor already makes a hot indirect call cost
   what a direct one does, and the guard's bytes (29 a site in its first
   form; 7 at the call site and 16 in the stub now), executed or
   not, only grow the hot code (libxml2: .text +11% with guards, +2%
   without), so by default those builds get none.  */

static bool
dp_inline_guard_wanted (void)
{
  if (!dp_settings.align_calls)
    return false;
  switch (dp_settings.inline_guard)
    {
    case DP_GUARD_ALWAYS:
      return true;
    case DP_GUARD_NEVER:
      return false;
    default:
      return cfun->machine->indirect_branch_type != indirect_branch_keep;
    }
}

/* Add the inline guard (dynpromote/abi.h) to the rewritten call INSN of
   site NUMBER, whose label insn is LABEL_INSN, learning state STATE:

       cmpq  STATE.guard(%rip), %r11
       call  .Ldp_guard_N               the stub's guard (see below)

   and a sibcall

       cmpq  STATE.guard(%rip), %r11
       jne   .Ldp_miss_N                the entry, under a second name
       addq  $1, STATE.direct_hits(%rip)
       jmp   .Ldp_hit_N                 the stub's hit patch point

   A call's guard continues in its stub (dp_emit_stub), the compare's
   flags carried through the call: jne to the entry on a miss, else the
   hit counter and the hit patch point, which the runtime points at the
   guard's target.  One call instruction for hits and misses: the callee
   sees one return address, as in the plain build (a program may compare
   __builtin_return_address values; gcc.c-torture's 20010122-1.c does).
   Flags are free here: a call clobbers them.  Returns false (and
   changes nothing) if some insn is not recognised, e.g. under
   -mcmodel=large.  */

static bool
dp_add_inline_guard (rtx_insn *insn, rtx_insn *label_insn, unsigned number,
		     const char *state, location_t loc)
{
  rtx r11 = gen_rtx_REG (DImode, R11_REG);
  rtx flags = gen_rtx_REG (CCmode, FLAGS_REG);
  rtx_insn *cmp
    = dp_emit_recognised_before (gen_rtx_SET (flags,
					      gen_rtx_COMPARE (CCmode, r11,
							       dp_state_mem
							       (state,
								DP_STATE_GUARD_OFFSET))),
				 label_insn);
  if (!cmp)
    return false;
  if (!SIBLING_CALL_P (insn))
    {
      dp_set_call_target (PATTERN (insn), ".Ldp_guard_", number);
      return true;
    }

  /* A conditional tail jump to the entry: no return to plan for.
     Locked into one 8-byte bundle (0f 85 rel32), like every branch the
     pass emits.  */
  char text[128];
  snprintf (text, sizeof text,
	    DP_BUNDLE_LOCK6 "\n\tjne\t.Ldp_miss_%u\n\t" DP_BUNDLE_UNLOCK,
	    number);
  rtx_insn *branch = emit_insn_before (dp_asm_text (text, loc), label_insn);
  rtx hits = dp_state_mem (state, DP_STATE_HITS_OFFSET);
  rtx add_pattern
    = gen_rtx_PARALLEL (VOIDmode,
			gen_rtvec (2,
				   gen_rtx_SET (hits,
						gen_rtx_PLUS (DImode,
							      copy_rtx (hits),
							      const1_rtx)),
				   gen_rtx_CLOBBER (VOIDmode,
						    gen_rtx_REG (CCmode,
								 FLAGS_REG))));
  if (!dp_emit_recognised_before (add_pattern, label_insn))
    {
      delete_insn (branch);
      delete_insn (cmp);
      return false;
    }
  dp_set_call_target (PATTERN (insn), ".Ldp_hit_", number);
  return true;
}

/* Rewrite the indirect call INSN whose address is ADDR.  Returns NULL on
   success, or why the call was left alone.  */

static const char *
dp_rewrite_call (rtx_insn *insn, rtx mem, rtx addr, location_t loc,
		 unsigned *site_number)
{
  rtx r11 = gen_rtx_REG (DImode, R11_REG);
  unsigned number = dp_next_site_number ();
  *site_number = number;

  if (GET_MODE (addr) != DImode)
    return "call address is not a 64-bit value";

  /* 1. Copy the target into %r11, unless it is already there.  */
  rtx_insn *copy = NULL;
  if (!(REG_P (addr) && REGNO (addr) == R11_REG))
    {
      copy = emit_insn_before (gen_rtx_SET (r11, copy_rtx (addr)), insn);
      if (insn_invalid_p (copy, false))
	{
	  delete_insn (copy);
	  return "call target cannot be copied to %r11";
	}
    }

  /* 2. Label the call instruction, for the site record.  */
  rtx_insn *unlock_insn;
  rtx_insn *label_insn = dp_label_call (insn, ".Ldp_call_", number, loc,
					&unlock_insn);

  /* 3. Call the entry stub directly.  The pattern is copied first: var
     tracking notes may share the original.  */
  rtx pattern = dp_strip_peephole_marker (copy_rtx (PATTERN (insn)));
  dp_set_call_target (pattern, ".Ldp_entry_", number);

  if (!validate_change (insn, &PATTERN (insn), pattern, false))
    {
      if (copy)
	delete_insn (copy);
      delete_insn (label_insn);
      if (unlock_insn)
	delete_insn (unlock_insn);
      return "the target cannot make this call direct";
    }
  use_reg (&CALL_INSN_FUNCTION_USAGE (insn), r11);

  dp_site_info site = dp_site_info ();
  site.number = number;
  site.sibcall = SIBLING_CALL_P (insn);
  site.notrack = find_reg_note (insn, REG_CALL_NOCF_CHECK, NULL) != NULL;
  site.static_chain = dp_uses_static_chain_p (insn);
  site.ms_abi = dp_ms_abi_call_p (mem);
  site.location = loc;
  site.function = dp_function_asm_name (current_function_decl);
  site.family = dp_call_family (MEM_EXPR (mem));
  site.guarded = false;
  if (dp_inline_guard_wanted ())
    site.guarded = dp_add_inline_guard (insn, label_insn, number,
					dp_state_symbol (site), loc);
  dp_emit_site (site);
  return NULL;
}

static unsigned int
dp_rewrite_execute (function *)
{
  static bool warned_abi;
  if (!TARGET_64BIT || TARGET_X32)
    {
      if (!warned_abi)
	warning (0, "dynpromote: only the x86-64 LP64 ABI is supported;"
		 " indirect calls are left as they are");
      warned_abi = true;
      return 0;
    }

  const char *function_reason = dp_function_skip_reason ();
  /* Jumps first: their liveness walk must see only GCC's insns.  */
  dp_rewrite_jumps (function_reason);

  for (rtx_insn *insn = get_insns (); insn; insn = NEXT_INSN (insn))
    {
      if (!CALL_P (insn))
	continue;
      rtx call = get_call_rtx_from (insn);
      if (!call)
	continue;
      rtx mem = XEXP (call, 0);
      rtx addr = XEXP (mem, 0);
      location_t loc = INSN_LOCATION (insn);
      if (LOCATION_LOCUS (loc) == UNKNOWN_LOCATION)
	loc = DECL_SOURCE_LOCATION (current_function_decl);
      if (dp_static_call_target_p (addr))
	{
	  /* A static call: explicit, so recorded even in opted-out or
	     excluded functions.  */
	  dp_static_rewrite_call (insn, addr, loc);
	  continue;
	}
      if (CONSTANT_P (addr))
	continue;		/* A direct call.  */

      const char *kind = SIBLING_CALL_P (insn) ? "sibcall" : "call";

      unsigned number = 0;
      const char *reason = function_reason;
      if (!reason && MEM_P (addr) && dp_got_reference_p (addr))
	reason = "constant target through the GOT";
      if (!reason && dp_call_opted_out_p (mem))
	reason = "pointer has attribute " DP_ATTRIBUTE_NAME;
      if (!reason && dp_mem_tagged_p (mem, DP_PROFILE_PLAIN_NAME))
	reason = "left plain: its profile says the branch predictor serves"
		 " it (profile=)";
      if (!reason)
	reason = dp_rewrite_call (insn, mem, addr, loc, &number);

      if (reason)
	dp_dump_site ("skipped", kind, 0, loc, reason);
      else
	{
	  dp_dump_site ("rewritten", kind, number, loc, NULL);
	  if (dp_settings.verbose)
	    inform (loc, "dynpromote: rewrote indirect %s", kind);
	}
    }
  return 0;
}

namespace {

const pass_data dp_rewrite_pass_data = {
  RTL_PASS,
  "dynpromote",
  OPTGROUP_NONE,
  TV_NONE,
  0, 0, 0, 0, 0
};

class dp_rewrite_pass : public rtl_opt_pass
{
public:
  dp_rewrite_pass (gcc::context *ctxt)
    : rtl_opt_pass (dp_rewrite_pass_data, ctxt)
  {}

  unsigned int execute (function *fun) final override
  {
    return dp_rewrite_execute (fun);
  }
};

} // anon namespace

opt_pass *
dp_make_rewrite_pass (gcc::context *ctxt)
{
  return new dp_rewrite_pass (ctxt);
}
