/* dynpromote-plugin.h - declarations shared by the plugin's sources.

   dynpromote-plugin.cc  entry point, options, attribute, predefined macro
   dynpromote-optout.cc  marks calls the user opted out (front end and
                         a GIMPLE pass)
   dynpromote-rewrite.cc RTL pass: rewrites indirect calls and sibcalls
   dynpromote-jumps.cc   the same pass's indirect jumps (computed gotos,
                         jump tables)
   dynpromote-emit.cc    assembly for entry stubs, site records and the
                         per-object registration constructor
   dynpromote-profile.cc GIMPLE pass: guarded direct calls of the hot
                         targets a profile names (compile-time promotion)  */

#ifndef DYNPROMOTE_PLUGIN_H
#define DYNPROMOTE_PLUGIN_H

#include "gcc-common.h"

/* Name of the attribute that opts functions and pointers out.  */
#define DP_ATTRIBUTE_NAME "dynpromote_off"

/* The tag (a type attribute no source can spell) of a call that its
   profile says to leave plain (dynpromote-profile.cc).  */
#define DP_PROFILE_PLAIN_NAME "dynpromote profile plain"

/* Name of the attribute that makes calls share a family's learning.  */
#define DP_SHARED_ATTRIBUTE_NAME "dynpromote_shared"

/* When the rewritten call gets the inline guard.  */
enum dp_guard_mode
{
  DP_GUARD_AUTO,            /* in functions built with retpolines.  */
  DP_GUARD_ALWAYS,          /* -fplugin-arg-dynpromote-inline-guard.  */
  DP_GUARD_NEVER            /* -fplugin-arg-dynpromote-no-inline-guard.  */
};

/* Which indirect jumps are rewritten (dynpromote-jumps.cc).  */
enum dp_jump_mode
{
  DP_JUMPS_AUTO,            /* in functions built with retpolines.  */
  DP_JUMPS_ALWAYS,          /* -fplugin-arg-dynpromote-jumps.  */
  DP_JUMPS_NEVER            /* -fplugin-arg-dynpromote-no-jumps.  */
};

/* Settings from -fplugin-arg-dynpromote-*.  */
struct dp_settings
{
  bool disable;             /* rewrite nothing.  */
  bool verbose;             /* a note for every rewritten site.  */
  bool dump;                /* write the pass dump.  */
  bool align_calls;         /* keep each call in one aligned 8-byte word.  */
  enum dp_guard_mode inline_guard; /* compare with the hottest target
				      inline (only with align_calls).  */
  enum dp_jump_mode jumps;  /* which indirect jumps are rewritten.  */
  bool jump_copies;         /* ask GCC for a computed goto per handler.  */
  unsigned max_targets;     /* 0: runtime default; else 1..8.  */
  const char *profile;      /* profile= dump for compile-time promotion.  */
  vec<const char *> exclude; /* function names left alone.  */
};

extern struct dp_settings dp_settings;

/* dynpromote-optout.cc.  */
extern bool dp_decl_opted_out_p (const_tree decl);
extern bool dp_type_opted_out_p (const_tree type);
extern opt_pass *dp_make_optout_pass (gcc::context *ctxt);
extern void dp_mark_source_calls (void *gcc_data, void *user_data);
extern const char *dp_call_family (tree mem_expr);
extern void dp_register_shared_attribute (void);
extern bool dp_indirect_call_p (gcall *call);
extern bool dp_call_has_attribute_p (gcall *call, const char *name);
extern void dp_tag_call (gcall *call, const char *name);
extern bool dp_mem_tagged_p (const_rtx mem, const char *name);

/* dynpromote-profile.cc.  */
extern void dp_profile_read (const char *path);
extern opt_pass *dp_make_profile_pass (gcc::context *ctxt);

/* dynpromote-plugin.cc.  */
extern bool dp_function_pointer_like_p (const_tree type);

/* dynpromote-rewrite.cc.  */
extern const char *dp_function_asm_name (tree decl);
extern rtx_insn *dp_label_call (rtx_insn *insn, const char *prefix,
			       unsigned number, location_t loc,
			       rtx_insn **unlock);
extern opt_pass *dp_make_rewrite_pass (gcc::context *ctxt);
extern const char *dp_function_skip_reason (void);
extern void dp_dump_site (const char *verb, const char *kind, unsigned number,
			  location_t loc, const char *reason);

/* dynpromote-jumps.cc.  */
extern void dp_rewrite_jumps (const char *function_reason);
extern void dp_jump_copies_pass_start (void *gcc_data, void *user_data);

/* dynpromote-emit.cc.  What the emitter needs to know about one site.  */
struct dp_site_info
{
  unsigned number;          /* unique within this assembly file.  */
  bool sibcall;             /* reached by a jmp (a sibcall or a jump).  */
  bool jump;                /* an indirect jump of the function.  */
  bool notrack;             /* nocf_check: the fallback jmp is notrack.  */
  bool static_chain;
  bool ms_abi;
  location_t location;
  const char *function;     /* assembler name of the enclosing function.  */
  const char *family;       /* dynpromote_shared family, or NULL.  */
  bool guarded;             /* has the inline guard (DP_FLAG_GUARDED).  */
  /* A jump's stub: the CFI directives that give its function's frame
     state at the jump, and whether that state's CFA is %rsp-based.  */
  const vec<dw_cfi_ref> *cfi_state;
  bool cfa_on_sp;
};

extern unsigned dp_next_site_number (void);
extern void dp_emit_site (const dp_site_info &site);
extern void dp_emit_stub (const dp_site_info &site);
extern void dp_emit_unit_end (void *gcc_data, void *user_data);
extern void dp_push_section (FILE *f, const char *name, const char *flags,
			     const char *type);
extern void dp_pop_section (FILE *f);
extern void dp_push_stubs_section (FILE *f, const char *group);
extern void dp_request_thunk (void);
extern const char *dp_state_symbol (const dp_site_info &site);

/* One per-object registration: a comdat constructor handing SECTION's
   records (between the linker's __start_/__stop_ symbols) and the
   object's SLOT to REGISTER_FN, and a destructor calling UNREGISTER_FN.  */
struct dp_registration
{
  const char *ctor, *dtor, *slot, *section, *register_fn, *unregister_fn;
};
extern void dp_output_registration (FILE *f, const dp_registration &reg);

/* dynpromote-static.cc: static_call trampolines and call records.  */
extern void dp_static_register_attribute (void);
extern bool dp_static_call_target_p (const_rtx addr);
extern void dp_static_rewrite_call (rtx_insn *insn, const_rtx addr,
				    location_t loc);
extern bool dp_static_unit_has_work (void);
extern void dp_static_emit_unit_end (FILE *f);

#endif /* DYNPROMOTE_PLUGIN_H */
