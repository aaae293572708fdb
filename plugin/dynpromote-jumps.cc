/* dynpromote-jumps.cc - indirect jumps (computed gotos and jump tables)
   rewritten like indirect sibcalls.

   An interpreter's dispatch is an indirect jump, not a call:

       goto *p                  switch with a jump table
       jmp  *%rax               jmp  *.L4(,%rax,8)   (notrack under CET)

   Each one the pass may rewrite becomes

       movq  TARGET, %r11
     .Ldp_call_N:
       jmp   .Ldp_entry_N

   with a site record of kind DP_KIND_JUMP and a sibcall's entry stub
   (dynpromote-emit.cc), whose own jump carries the protection the
   compiler gave the original: the retpoline thunk, notrack for a table
   under -fcf-protection (unless -mcet-switch), int3 after it under
   -mharden-sls.  The runtime learns, promotes and reclaims a jump site
   exactly as a sibcall site: nothing in it knows the difference.

   A jump is not a call, so two things the ABI gives a call for free are
   checked here, function by function, before anything is changed:

   - %r11 and the flags must be dead at every place the jump can go:
     the stub's sampling routine and the runtime's trampolines clobber
     both.  The CFG is gone by now (see dynpromote-rewrite.cc), so the
     check walks the insn stream itself, from each possible target (the
     table's labels; for a computed goto every label whose address was
     taken, GCC's forced_labels) along every jump, until each register
     is written; a read, a basic asm, or a walk too long for the budget
     leaves the jump alone.
   - Nothing may live below %rsp: the stub's call writes there.  GCC
     puts a leaf function's frame in the red zone, except with
     retpolines, whose thunks call too; a function whose frame uses
     the red zone keeps its jumps.

   Non-local gotos (REG_NON_LOCAL_GOTO: __builtin_longjmp, a nested
   function's goto to its parent) leave the function and are not sites.

   By default only functions built with retpolines have their jumps
   rewritten: there a promoted target skips a thunk, while a plain or
   CET build's branch predictor follows threaded dispatch well and the
   stub's two extra jumps would only cost (docs/patching.md).  The
   plugin options jumps and no-jumps say otherwise.

   One dispatch jump sees the whole opcode mix; a copy at the end of
   each handler sees that handler's successors, a skewed set a short
   trampoline covers.  GCC factors computed gotos into one and copies
   them back only into short blocks (max-goto-duplication-insns, 8),
   and cross-jumping merges the copies' identical tails again; so in a
   function whose jumps are rewritten and that has computed gotos, the
   plugin raises that limit and turns cross-jumping off, from its first
   RTL pass to the rewrite (dp_jump_copies_pass_start; option
   no-jump-copies leaves GCC's choice).

   The rewritten jump is an asm jump insn naming the same targets (the
   table, or for a computed goto the forced labels as asm-goto labels),
   so dwarf2cfi, which runs later, still follows it to every target.  */

#include "dynpromote-plugin.h"
#include "dynpromote/abi.h"
#include "hash-set.h"

/* Insns the liveness walk may visit per function and register, after
   which a jump is left alone rather than compile slowly.  */
#define DP_LIVENESS_BUDGET 200000

/* The limit on a block GCC copies a computed goto into, while the
   plugin asks for a copy per handler.  */
#define DP_GOTO_COPY_INSNS 20

/* Whether jumps of the current function are rewritten at all.  */

static bool
dp_jumps_wanted (void)
{
  switch (dp_settings.jumps)
    {
    case DP_JUMPS_ALWAYS:
      return true;
    case DP_JUMPS_NEVER:
      return false;
    default:
      return cfun->machine->indirect_branch_type != indirect_branch_keep;
    }
}

/* The result of asking whether a register may be read at a jump's
   targets before it is written.  */
enum dp_liveness
{
  DP_DEAD,
  DP_LIVE,		/* read on some path.  */
  DP_UNKNOWN		/* basic asm, or the budget ran out.  */
};

/* Push label INSN onto WORK unless it was already there.  */

static void
dp_push_label (rtx_insn *insn, hash_set<rtx_insn *> &seen,
	       vec<rtx_insn *> &work)
{
  if (insn && !seen.add (insn))
    work.safe_push (insn);
}

/* Push every place jump INSN can go (not its fall-through) onto WORK.
   False if some target is not known.  */

static bool
dp_push_jump_targets (rtx_insn *insn, hash_set<rtx_insn *> &seen,
		      vec<rtx_insn *> &work)
{
  rtx_jump_table_data *table;
  rtx asm_ops;
  if (find_reg_note (insn, REG_NON_LOCAL_GOTO, NULL_RTX))
    return true;
  if (tablejump_p (insn, NULL, &table))
    {
      rtvec labels = table->get_labels ();
      for (int i = 0; i < GET_NUM_ELEM (labels); i++)
	dp_push_label (label_ref_label (RTVEC_ELT (labels, i)), seen, work);
      return true;
    }
  if (computed_jump_p (insn))
    {
      unsigned i;
      rtx_insn *label;
      FOR_EACH_VEC_SAFE_ELT (forced_labels, i, label)
	dp_push_label (label, seen, work);
      return true;
    }
  if (returnjump_p (insn))
    return true;
  if ((asm_ops = extract_asm_operands (PATTERN (insn))) != NULL_RTX)
    {
      for (int i = 0; i < ASM_OPERANDS_LABEL_LENGTH (asm_ops); i++)
	dp_push_label (label_ref_label (ASM_OPERANDS_LABEL (asm_ops, i)),
		       seen, work);
      return true;
    }
  rtx target = JUMP_LABEL (insn);
  if (target && LABEL_P (target))
    {
      dp_push_label (as_a<rtx_insn *> (target), seen, work);
      return true;
    }
  return false;
}

/* Whether REG may be read, starting at any insn of STARTS, before it is
   written, along the insn stream and every jump.  A call clobbers
   %r11 and the flags (unless it uses them), a return ends a path.  */

static enum dp_liveness
dp_reg_liveness (const vec<rtx_insn *> &starts, rtx reg)
{
  hash_set<rtx_insn *> seen;
  auto_vec<rtx_insn *> work;
  for (rtx_insn *start : starts)
    dp_push_label (start, seen, work);

  unsigned budget = DP_LIVENESS_BUDGET;
  while (!work.is_empty ())
    {
      rtx_insn *start = work.pop ();
      for (rtx_insn *insn = start; insn; insn = NEXT_INSN (insn))
	{
	  if (--budget == 0)
	    return DP_UNKNOWN;
	  if (LABEL_P (insn))
	    {
	      /* A label met on the way is a start of its own, walked once.  */
	      if (insn != start && seen.add (insn))
		break;
	      continue;
	    }
	  if (BARRIER_P (insn))
	    break;
	  if (!NONDEBUG_INSN_P (insn))
	    continue;
	  rtx pattern = PATTERN (insn);
	  /* Basic asm may read anything.  x86 wraps it in a PARALLEL with
	     its clobbers of memory and the flags.  */
	  if (GET_CODE (pattern) == ASM_INPUT
	      || (GET_CODE (pattern) == PARALLEL
		  && GET_CODE (XVECEXP (pattern, 0, 0)) == ASM_INPUT))
	    return DP_UNKNOWN;
	  if (reg_referenced_p (reg, pattern))
	    return DP_LIVE;
	  if (CALL_P (insn))
	    {
	      if (find_reg_fusage (insn, USE, reg))
		return DP_LIVE;
	      break;		/* Call-clobbered.  */
	    }
	  if (JUMP_P (insn))
	    {
	      if (!dp_push_jump_targets (insn, seen, work))
		return DP_UNKNOWN;
	      if (any_condjump_p (insn)
		  || extract_asm_operands (pattern) != NULL_RTX)
		continue;	/* May fall through.  */
	      break;
	    }
	  if (reg_set_p (reg, insn))
	    break;
	}
    }
  return DP_DEAD;
}

/* What the current function's jumps need to know about its targets,
   computed once for the computed gotos (they share forced_labels).  */
struct dp_jump_context
{
  bool goto_checked;
  const char *goto_reason;
};

/* Why the jump's targets STARTS cannot take a rewritten jump, or NULL.  */

static const char *
dp_targets_reason (const vec<rtx_insn *> &starts)
{
  static const char *const words[2][3] = {
    { NULL, "%r11 is live at a target", "cannot tell whether %r11 is"
      " live at its targets (basic asm, or too long a walk)" },
    { NULL, "the flags are live at a target", "cannot tell whether the"
      " flags are live at its targets (basic asm, or too long a walk)" }
  };
  enum dp_liveness r11 = dp_reg_liveness (starts,
					  gen_rtx_REG (DImode, R11_REG));
  if (r11 != DP_DEAD)
    return words[0][r11];
  enum dp_liveness flags = dp_reg_liveness (starts,
					    gen_rtx_REG (CCmode, FLAGS_REG));
  return words[1][flags];
}

/* Why a jump (through TABLE, or a computed goto if NULL) is left
   alone, or NULL.  */

static const char *
dp_jump_reason (rtx_jump_table_data *table, dp_jump_context &ctx)
{
  if (table)
    {
      auto_vec<rtx_insn *> starts;
      rtvec labels = table->get_labels ();
      for (int i = 0; i < GET_NUM_ELEM (labels); i++)
	starts.safe_push (label_ref_label (RTVEC_ELT (labels, i)));
      return dp_targets_reason (starts);
    }
  if (!ctx.goto_checked)
    {
      auto_vec<rtx_insn *> starts;
      unsigned i;
      rtx_insn *label;
      FOR_EACH_VEC_SAFE_ELT (forced_labels, i, label)
	starts.safe_push (label);
      ctx.goto_reason = dp_targets_reason (starts);
      ctx.goto_checked = true;
    }
  return ctx.goto_reason;
}

/* The address jump INSN goes to, or NULL if it is not an indirect jump
   of this function.  */

static rtx
dp_jump_address (rtx_insn *insn)
{
  rtx pattern = PATTERN (insn);
  if (GET_CODE (pattern) == PARALLEL)
    pattern = XVECEXP (pattern, 0, 0);
  if (GET_CODE (pattern) != SET || SET_DEST (pattern) != pc_rtx)
    return NULL_RTX;
  rtx src = SET_SRC (pattern);
  if (GET_CODE (src) == LABEL_REF || GET_CODE (src) == IF_THEN_ELSE
      || ANY_RETURN_P (src))
    return NULL_RTX;
  return src;
}

/* A rewritten jump of the current function whose stub waits for its
   CFI (dp_emit_jump_stubs): the jump insn, which stays in the insn
   stream until final, and its site.  */
struct dp_pending_jump
{
  rtx_insn *insn;
  dp_site_info site;
};
static vec<dp_pending_jump> dp_pending_jumps;

/* The CFI state a replay has reached: whether its CFA is computed from
   %rsp (DWARF register 7), and that of each remembered state.  */
struct dp_cfa_track
{
  bool on_sp = true;
  auto_vec<bool> saved;
};

/* Follow directive C in T.  */

static void
dp_cfa_step (dp_cfa_track &t, dw_cfi_ref c)
{
  switch (dp_cfi_opcode (c))
    {
    case DP_DW_CFA_def_cfa:
    case DP_DW_CFA_def_cfa_sf:
    case DP_DW_CFA_def_cfa_register:
      t.on_sp = dp_cfi_reg (c) == 7;
      break;
    case DP_DW_CFA_def_cfa_expression:
      t.on_sp = false;
      break;
    case DP_DW_CFA_remember_state:
      t.saved.safe_push (t.on_sp);
      break;
    case DP_DW_CFA_restore_state:
      if (!t.saved.is_empty ())
	t.on_sp = t.saved.pop ();
      break;
    default:
      break;
    }
}

/* Emit the stubs of the current function's rewritten jumps, now that
   dwarf2cfi has put its CFI notes into the insns (just before final).
   A jump's stub runs in the frame of the function that jumped, so it
   gets the function's unwind rules at the jump: the CFI directives from
   the function's start (or its cold part's) to the jump, replayed in
   the stub.  Without them gdb, perf and in-process unwinders would
   take the stub for a function just called, and lose the frames
   above.  */

static void
dp_emit_jump_stubs (void)
{
  if (dp_pending_jumps.is_empty ())
    return;
  auto_vec<dw_cfi_ref> cfi;
  dp_cfa_track track;
  for (rtx_insn *insn = get_insns (); insn; insn = NEXT_INSN (insn))
    {
      if (NOTE_P (insn) && NOTE_KIND (insn) == NOTE_INSN_CFI)
	{
	  cfi.safe_push (NOTE_CFI (insn));
	  dp_cfa_step (track, NOTE_CFI (insn));
	}
      else if (NOTE_P (insn)
	       && NOTE_KIND (insn) == NOTE_INSN_SWITCH_TEXT_SECTIONS)
	{
	  /* The cold part's FDE starts afresh.  */
	  cfi.truncate (0);
	  track.on_sp = true;
	  track.saved.truncate (0);
	}
      if (!JUMP_P (insn))
	continue;
      for (unsigned i = 0; i < dp_pending_jumps.length (); i++)
	if (dp_pending_jumps[i].insn == insn)
	  {
	    dp_site_info site = dp_pending_jumps[i].site;
	    site.cfi_state = &cfi;
	    site.cfa_on_sp = track.on_sp;
	    dp_emit_stub (site);
	    dp_pending_jumps.unordered_remove (i);
	    break;
	  }
    }
  /* A jump final would not output (none seen so far): its stub still
     assembles, with a call's unwind rules.  */
  for (dp_pending_jump &p : dp_pending_jumps)
    {
      p.site.cfa_on_sp = true;
      dp_emit_stub (p.site);
    }
  dp_pending_jumps.truncate (0);
}

/* Replace jump INSN, whose address is ADDR, with the copy into %r11 and
   a direct jump to the entry of site NUMBER.  Returns why not, or
   NULL.  */

static const char *
dp_rewrite_jump (rtx_insn *insn, rtx addr, rtx_jump_table_data *table,
		 location_t loc, unsigned number)
{
  if (GET_MODE (addr) != DImode)
    return "jump address is not a 64-bit value";

  rtx r11 = gen_rtx_REG (DImode, R11_REG);
  rtx_insn *copy = emit_insn_before (gen_rtx_SET (r11, copy_rtx (addr)),
				     insn);
  if (insn_invalid_p (copy, false))
    {
      delete_insn (copy);
      return "jump address cannot be copied to %r11";
    }

  /* The direct jump, as an asm jump insn: a table jump keeps its
     JUMP_LABEL (the table), a computed goto names the forced labels as
     an asm goto would, so later passes see the same targets.  */
  rtvec labels;
  if (table)
    labels = rtvec_alloc (0);
  else
    {
      labels = rtvec_alloc (vec_safe_length (forced_labels));
      unsigned i;
      rtx_insn *label;
      FOR_EACH_VEC_SAFE_ELT (forced_labels, i, label)
	RTVEC_ELT (labels, i) = gen_rtx_LABEL_REF (Pmode, label);
    }
  char text[48];
  snprintf (text, sizeof text, "jmp\t.Ldp_entry_%u", number);
  rtx jump = gen_rtx_ASM_OPERANDS (VOIDmode, ggc_strdup (text), "", 0,
				   rtvec_alloc (0), rtvec_alloc (0), labels,
				   loc);
  MEM_VOLATILE_P (jump) = 1;
  PATTERN (insn) = jump;
  INSN_CODE (insn) = -1;

  rtx_insn *unlock;
  dp_label_call (insn, ".Ldp_call_", number, loc, &unlock);

  dp_site_info site = dp_site_info ();
  site.number = number;
  site.sibcall = true;
  site.jump = true;
  /* GCC's table jumps are notrack under -fcf-protection (their labels
     have no endbr64) unless -mcet-switch; the stub's jump must be too.  */
  site.notrack = table && (flag_cf_protection & CF_BRANCH)
		 && !flag_cet_switch;
  site.location = loc;
  site.function = dp_function_asm_name (current_function_decl);
  dp_emit_site (site);
  dp_pending_jump pending = { insn, site };
  dp_pending_jumps.safe_push (pending);
  return NULL;
}

/* Where jump INSN is in the source.  GCC's copies of a dispatch jump
   carry the factored jump's location, or none; the handler's last
   located insn before it names the copy better.  */

static location_t
dp_jump_location (rtx_insn *insn)
{
  for (rtx_insn *p = PREV_INSN (insn); p; p = PREV_INSN (p))
    {
      if (LABEL_P (p) || BARRIER_P (p))
	break;
      if (NONDEBUG_INSN_P (p)
	  && LOCATION_LOCUS (INSN_LOCATION (p)) != UNKNOWN_LOCATION)
	return INSN_LOCATION (p);
    }
  if (LOCATION_LOCUS (INSN_LOCATION (insn)) != UNKNOWN_LOCATION)
    return INSN_LOCATION (insn);
  return DECL_SOURCE_LOCATION (current_function_decl);
}

/* Rewrite the indirect jumps of the current function, or say in the
   pass dump why not; FUNCTION_REASON is why the whole function is
   left alone, or NULL.  Called before any call is rewritten, so the
   liveness walk sees only the compiler's own insns.  */

void
dp_rewrite_jumps (const char *function_reason)
{
  const char *reason = function_reason;
  if (!reason && !dp_jumps_wanted ())
    reason = dp_settings.jumps == DP_JUMPS_NEVER
	     ? "jumps disabled by -fplugin-arg-dynpromote-no-jumps"
	     : "jumps are rewritten with retpolines (or"
	       " -fplugin-arg-dynpromote-jumps)";
  if (!reason && (ix86_cmodel == CM_LARGE || ix86_cmodel == CM_LARGE_PIC))
    reason = "-mcmodel=large: the entry may be out of a direct jump's reach";
  if (!reason && cfun->machine->frame.red_zone_size > 0)
    reason = "the function keeps data in the red zone";

  /* Every jump is judged before any is rewritten: the liveness walk
     must see only GCC's insns, not the copies and labels a rewrite
     adds.  */
  struct dp_jump
  {
    rtx_insn *insn;
    rtx addr;
    rtx_jump_table_data *table;
    location_t loc;
    const char *why;
  };
  auto_vec<dp_jump> jumps;
  dp_jump_context ctx = dp_jump_context ();
  for (rtx_insn *insn = get_insns (); insn; insn = NEXT_INSN (insn))
    {
      if (!JUMP_P (insn) || find_reg_note (insn, REG_NON_LOCAL_GOTO, NULL))
	continue;
      dp_jump j;
      j.insn = insn;
      j.addr = dp_jump_address (insn);
      if (!j.addr)
	continue;
      j.table = NULL;
      tablejump_p (insn, NULL, &j.table);
      j.loc = dp_jump_location (insn);
      j.why = reason ? reason : dp_jump_reason (j.table, ctx);
      jumps.safe_push (j);
    }

  for (dp_jump &j : jumps)
    {
      const char *kind = j.table ? "table jump" : "jump";
      unsigned number = 0;
      if (!j.why)
	{
	  number = dp_next_site_number ();
	  j.why = dp_rewrite_jump (j.insn, j.addr, j.table, j.loc, number);
	}
      if (j.why)
	dp_dump_site ("skipped", kind, 0, j.loc, j.why);
      else
	{
	  dp_dump_site ("rewritten", kind, number, j.loc, NULL);
	  if (dp_settings.verbose)
	    inform (j.loc, "dynpromote: rewrote indirect %s", kind);
	}
    }
}

/* Per-handler copies of computed gotos (see the file header): the
   function whose options are changed, and their values before.  */
static tree dp_copies_decl;
static int dp_saved_crossjumping, dp_saved_goto_copy_insns;

static void
dp_restore_copies (void)
{
  if (!dp_copies_decl)
    return;
  flag_crossjumping = dp_saved_crossjumping;
  param_max_goto_duplication_insns = dp_saved_goto_copy_insns;
  dp_copies_decl = NULL_TREE;
}

/* PLUGIN_PASS_EXECUTION: before each RTL pass of a function whose
   jumps will be rewritten and that has computed gotos (forced labels,
   known once it is expanded), ask GCC for a dispatch jump per handler;
   give the options back at the rewrite, or when another function's
   passes begin.  Before final, emit the function's jump stubs.  */

void
dp_jump_copies_pass_start (void *gcc_data, void *)
{
  opt_pass *pass = (opt_pass *) gcc_data;
  if (!cfun || !pass || pass->type != RTL_PASS)
    return;
  if (dp_copies_decl && dp_copies_decl != current_function_decl)
    dp_restore_copies ();
  if (!strcmp (pass->name, "final"))
    dp_emit_jump_stubs ();
  if (!strcmp (pass->name, "dynpromote") || !strcmp (pass->name, "final"))
    {
      dp_restore_copies ();
      return;
    }
  if (dp_copies_decl || !dp_settings.jump_copies
      || vec_safe_is_empty (forced_labels) || !TARGET_64BIT || TARGET_X32
      || !dp_jumps_wanted () || dp_function_skip_reason ())
    return;
  dp_copies_decl = current_function_decl;
  dp_saved_crossjumping = flag_crossjumping;
  dp_saved_goto_copy_insns = param_max_goto_duplication_insns;
  flag_crossjumping = 0;
  param_max_goto_duplication_insns
    = MAX (param_max_goto_duplication_insns, DP_GOTO_COPY_INSNS);
}
