/* dynpromote-static.cc - static calls (include/dynpromote/static_call.h).

   static_call (name) (args) is a direct call of the key's trampoline
   __dynpromote_scall_tramp_NAME, a function declared with attribute
   dynpromote_static_call.  For each such call the RTL pass (via
   dp_static_rewrite_call) pads the call into one aligned 8-byte word,
   exactly like a rewritten indirect call, labels it and writes a record,
   so the runtime can point the call itself at the key's current function.

   At the end of the unit, for every trampoline the unit refers to, this
   file emits the trampoline (hidden, in its own comdat group: one per
   linked object) and its record, laid out as dynpromote/abi.h says:

     tramp:    endbr64 (IBT) or nop; nop
     tramp+8:  jmp +8; nopl (%rax)      8-byte patch point (jmp function)
     tramp+16: movq KEY@GOTPCREL(%rip), %r11
	      movq 8(%r11), %r11        key.target
	      jmp *%r11                 protected as the build asks

   and one comdat registration constructor and destructor per linked
   object for the records.  Nothing else about the call changes: the
   compiler made an ordinary direct call, with the ordinary ABI.  */

#include "dynpromote-plugin.h"
#include "dynpromote/abi.h"
#include "cgraph.h"
#include "hash-set.h"

static unsigned dp_scall_count;	/* call records in this unit.  */
static hash_set<nofree_string_hash> *dp_scall_tramps;

static tree
dp_handle_static_call_attribute (tree *node, tree name, tree, int,
				 bool *no_add_attrs)
{
  if (TREE_CODE (*node) != FUNCTION_DECL
      || strncmp (IDENTIFIER_POINTER (DECL_NAME (*node)),
		  DP_SCALL_TRAMP_PREFIX, strlen (DP_SCALL_TRAMP_PREFIX)))
    {
      warning (OPT_Wattributes,
	       "%qE attribute ignored: it belongs to the trampolines"
	       " that %<dynpromote/static_call.h%> declares", name);
      *no_add_attrs = true;
    }
  return NULL_TREE;
}

static struct attribute_spec dp_static_call_attribute_spec = {
  DP_SCALL_ATTRIBUTE_NAME, 0, 0, true, false, false, false,
  dp_handle_static_call_attribute, NULL
};

void
dp_static_register_attribute (void)
{
  register_attribute (&dp_static_call_attribute_spec);
}

/* The static-call trampoline ADDR calls, or NULL_TREE.  */

static tree
dp_static_trampoline (const_rtx addr)
{
  if (GET_CODE (addr) != SYMBOL_REF)
    return NULL_TREE;
  tree decl = SYMBOL_REF_DECL (addr);
  if (!decl || TREE_CODE (decl) != FUNCTION_DECL
      || !lookup_attribute (DP_SCALL_ATTRIBUTE_NAME, DECL_ATTRIBUTES (decl)))
    return NULL_TREE;
  return decl;
}

bool
dp_static_call_target_p (const_rtx addr)
{
  return dp_static_trampoline (addr) != NULL_TREE;
}

static void
dp_static_note_trampoline (const char *name)
{
  if (!dp_scall_tramps)
    dp_scall_tramps = new hash_set<nofree_string_hash>;
  if (!dp_scall_tramps->contains (name))
    dp_scall_tramps->add (xstrdup (name));
}

/* The key of trampoline NAME: same suffix, other prefix.  */

static const char *
dp_static_key_name (const char *tramp)
{
  return ggc_strdup (ACONCAT ((DP_SCALL_KEY_PREFIX,
			       tramp + strlen (DP_SCALL_TRAMP_PREFIX), NULL)));
}

/* Label the direct call INSN of a static-call trampoline and record it.
   A call is left as it is (and still correct: it reaches the trampoline)
   when the plugin is disabled.  */

void
dp_static_rewrite_call (rtx_insn *insn, const_rtx addr, location_t loc)
{
  tree decl = dp_static_trampoline (addr);
  const char *tramp = dp_function_asm_name (decl);
  dp_static_note_trampoline (tramp);
  if (dp_settings.disable)
    return;

  unsigned n = dp_scall_count++;
  rtx_insn *unlock;
  dp_label_call (insn, ".Ldp_scall_", n, loc, &unlock);

  FILE *f = asm_out_file;
  expanded_location xloc = expand_location (loc);
  dp_push_section (f, DP_SCALL_SECTION, "aw", "@progbits");
  fprintf (f, "\t.p2align 3\n"
	   "\t.short %d\n"
	   "\t.byte %d, 0\n"
	   "\t.long .Ldp_scall_%u - .\n"
	   "\t.long %s - .\n"
	   "\t.long %d\n"
	   "\t.quad %s\n",
	   DYNPROMOTE_ABI_VERSION,
	   SIBLING_CALL_P (insn) ? DP_SCALL_JMP : DP_SCALL_CALL, n, tramp,
	   xloc.line, dp_static_key_name (tramp));
  dp_pop_section (f);
}

/* The trampoline's indirect jump to %r11, protected as the unit's
   options ask (trampolines belong to no function, so the command line's
   -mindirect-branch decides, not a function's attribute).  */

static void
dp_static_output_jump (FILE *f, bool cfi)
{
  switch (ix86_indirect_branch)
    {
    case indirect_branch_thunk:
      fprintf (f, "\tjmp\t%s\n", DP_THUNK_SYMBOL);
      dp_request_thunk ();
      return;
    case indirect_branch_thunk_extern:
      fputs ("\tjmp\t__x86_indirect_thunk_r11\n", f);
      return;
    case indirect_branch_thunk_inline:
      fputs ("\tcall\t2f\n"
	     "1:\tpause\n"
	     "\tlfence\n"
	     "\tjmp\t1b\n"
	     "2:\n", f);
      if (cfi)
	fputs ("\t.cfi_adjust_cfa_offset 8\n", f);
      fputs ("\tmovq\t%r11, (%rsp)\n"
	     "\tret\n", f);
      if (cfi)
	fputs ("\t.cfi_adjust_cfa_offset -8\n", f);
      return;
    default:
      break;
    }
  fputs ("\tjmp\t*%r11\n", f);
  if (ix86_harden_sls & harden_sls_indirect_jmp)
    fputs ("\tint3\n", f);
}

static void
dp_static_output_trampoline (FILE *f, const char *tramp)
{
  bool cfi = dwarf2out_do_cfi_asm ();
  const char *key = dp_static_key_name (tramp);
  /* With the stubs, in the pages the runtime may write.  */
  dp_push_stubs_section (f, tramp);
  fprintf (f, "\t.p2align 3\n"
	   "\t.globl %s\n"
	   "\t.hidden %s\n"
	   "\t.type %s, @function\n"
	   "%s:\n",
	   tramp, tramp, tramp, tramp);
  if (cfi)
    fputs ("\t.cfi_startproc\n", f);
  /* static_call (name) may also be taken as a function pointer: under
     IBT the trampoline is then a legitimate indirect-call target.  */
  if (flag_cf_protection & CF_BRANCH)
    fputs ("\tendbr64\n", f);
  else
    fputs ("\t.byte 0x0f, 0x1f, 0x40, 0x00\n", f);
  fprintf (f, "\t.byte 0x0f, 0x1f, 0x40, 0x00\n"
	   "\t.byte 0xe9, %d, 0, 0, 0, 0x0f, 0x1f, 0x00\n"
	   "\tmovq\t%s@GOTPCREL(%%rip), %%r11\n"
	   "\tmovq\t8(%%r11), %%r11\n",
	   DP_SCALL_FALLBACK_OFFSET - DP_SCALL_PATCH_OFFSET - 5, key);
  dp_static_output_jump (f, cfi);
  if (cfi)
    fputs ("\t.cfi_endproc\n", f);
  fprintf (f, "\t.size %s, .-%s\n"
	   "\t.popsection\n", tramp, tramp);

  /* Its record, in the same group: kept or dropped with it.  */
  fprintf (f, "\t.section %s,\"awG\",@progbits,%s,comdat\n"
	   "\t.p2align 3\n"
	   "\t.short %d\n"
	   "\t.byte %d, 0\n"
	   "\t.long %s - .\n"
	   "\t.long %s - .\n"
	   "\t.long 0\n"
	   "\t.quad %s\n",
	   DP_SCALL_SECTION, tramp, DYNPROMOTE_ABI_VERSION,
	   DP_SCALL_TRAMPOLINE, tramp, tramp, key);
}

/* Trampolines referred to other than by a call (their address taken)
   are found in the symbol table.  Not in the IR-only objects of -flto:
   the code is generated, and this runs again, at link time.  */

static void
dp_static_collect_referenced (void)
{
  if (flag_generate_lto && !flag_fat_lto_objects)
    return;
  cgraph_node *node;
  FOR_EACH_FUNCTION (node)
    if (!node->definition
	&& lookup_attribute (DP_SCALL_ATTRIBUTE_NAME,
			     DECL_ATTRIBUTES (node->decl)))
      dp_static_note_trampoline (dp_function_asm_name (node->decl));
}

bool
dp_static_unit_has_work (void)
{
  dp_static_collect_referenced ();
  return dp_scall_tramps && !dp_scall_tramps->is_empty ();
}

void
dp_static_emit_unit_end (FILE *f)
{
  if (!dp_scall_tramps || dp_scall_tramps->is_empty ())
    return;
  /* Sorted, so that the output does not depend on hash order.  */
  auto_vec<const char *> names;
  for (const char *name : *dp_scall_tramps)
    names.safe_push (name);
  names.qsort ([] (const void *a, const void *b) {
    return strcmp (*(const char *const *) a, *(const char *const *) b);
  });
  for (const char *name : names)
    dp_static_output_trampoline (f, name);
  static const dp_registration scalls = {
    DP_SCALL_CTOR_SYMBOL, DP_SCALL_DTOR_SYMBOL, DP_SCALL_OBJECT_SYMBOL,
    DP_SCALL_SECTION, DP_SCALL_REGISTER_SYMBOL, DP_SCALL_UNREGISTER_SYMBOL
  };
  dp_output_registration (f, scalls);
}
