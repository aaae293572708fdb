/* dynpromote-profile.cc - compile-time promotion from a profile.

   With -fplugin-arg-dynpromote-profile=DUMP (a statistics dump an
   earlier run of the program wrote, or several that dynpromote-stats
   --merge added up), this GIMPLE pass gives each indirect call whose
   profile shows hot targets the unit can name a guarded direct call of
   each, hottest first:

       if (fp == &hot)  hot (args);          (direct: GCC may inline it)
       else if (fp == &warm)  warm (args);
       else  fp (args);                      (the rewritten indirect call,
                                              which learns as usual)

   GCC's own gimple_ic builds each guard (the transformation -fprofile-use
   applies to its one most common target), so EH edges, PHIs of the result
   and noreturn targets are handled as GCC handles them.  The guard
   compares the program's own pointer: a stale or wrong profile can only
   add a compare that misses, never send a call elsewhere.

   Why after "ssa", first of the early GIMPLE passes: the calls are still
   the source's (nothing inlined or duplicated yet), so they match the
   profile by source location, and the early inliner, the IPA inliner and
   IPA-CP all see the direct calls (pass_rebuild_cgraph_edges follows).

   Matching.  A dump names a site by its function, file, line and column
   (the call's own location, also inside an inlined copy).  A call here
   matches the profile's sites at its file (by base name: builds in other
   directories), line and column.  Among them its own function's sites
   (clone suffixes such as .constprop.0 dropped) count; when the function
   has as many calls at that location as the profile has sites there,
   the Nth call takes the Nth site (call order), else all are added up.
   Without sites of its own function (the function was always inlined),
   the copies the profile saw in other functions are added up.  A call
   the profile has no site for (new, moved or changed source) is left to
   run-time learning and counted in the pass dump.

   Targets are the profile's symbol names, looked up among the unit's
   functions (its own, and external ones it declares and uses): a name
   with an offset, of a variable, or unknown here is not nameable.

   Calls left plain.  Without retpolines, a call whose sites the
   profile shows idle (never called), predicted or megamorphic (left to
   the branch predictor by the runtime) is tagged (DP_PROFILE_PLAIN_NAME)
   and the RTL pass leaves it an ordinary indirect call: rewritten it
   would pay a stub's jump and padding for nothing.  After its guards, a
   promoted call's miss path is left plain the same way.

   Policy (docs/patching.md, "Compile-time promotion").  Hottest first,
   targets whose share of the site's samples is at least 50%, at most 2
   (plain and CET builds: a compare must beat a predicted indirect call,
   so only what inlining can pay for; at 30% libxml2 guarded a third of
   a call's targets whose hotter two it cannot name and ran slower), or
   at least 5%, at most 4 (in a function built with retpolines, where
   every hit skips the thunk); max-targets= overrides the count.  */

#include "dynpromote-plugin.h"
#include "dynpromote/dump-fields.h"

/* One target of a profile site.  */
struct dp_prof_target
{
  const char *sym;
  unsigned long long samples;
};

/* One site line of the profile, with its target lines.  */
struct dp_prof_site
{
  const char *base;             /* base name of the source file.  */
  const char *func;             /* enclosing function, clone suffix off.  */
  unsigned line, col;
  unsigned long long samples;   /* its targets' and other samples.  */
  bool plain;                   /* state idle, predicted or megamorphic:
				   the run never called it, or the runtime
				   left it to the branch predictor.  */
  vec<dp_prof_target> targets;
  int next;                     /* next site of the same location, -1.  */
};

static vec<dp_prof_site> dp_prof_sites;
/* "BASE:LINE:COL" -> the first of that location's sites.  */
static hash_map<nofree_string_hash, int> *dp_prof_by_location;
static bool dp_prof_loaded;

/* NAME up to its first '.' (GCC's clone suffixes), in GC-free memory.  */

static const char *
dp_prof_strip_clone (const char *name)
{
  return xstrndup (name, strcspn (name, "."));
}

static const char *
dp_prof_base_name (const char *path)
{
  const char *slash = strrchr (path, '/');
  return slash ? slash + 1 : path;
}

/* The location key of BASE, LINE and COL, in GC-free memory.  */

static char *
dp_prof_key (const char *base, unsigned line, unsigned col)
{
  return xasprintf ("%s:%u:%u", base, line, col);
}

/* The decoded value of KEY in LINE, in GC-free memory, or NULL.  */

static char *
dp_prof_field (const char *line, const char *key)
{
  size_t len;
  const char *v = dp_dump_field_raw (line, key, &len);
  if (!v)
    return NULL;
  char *copy = XNEWVEC (char, len + 1);
  dp_dump_decode (v, len, copy);
  return copy;
}

/* Parse the dump F; false with *LINENO the line at fault if it is not
   one.  Jump sites and family members are not calls this pass can
   match (a family learns as one; see dynpromote-optout.cc).  */

static bool
dp_prof_parse (FILE *f, unsigned long *lineno)
{
  char line[8192];
  dp_prof_site *site = NULL;
  *lineno = 0;
  while (fgets (line, sizeof line, f))
    {
      ++*lineno;
      if (!strchr (line, '\n') && !feof (f))
	return false;
      if (*lineno == 1 && strncmp (line, "# dynpromote-stats v1", 21))
	return false;
      int ok = 1;
      if (!strncmp (line, "site ", 5))
	{
	  site = NULL;
	  char *kind = dp_prof_field (line, "kind");
	  char *file = dp_prof_field (line, "file");
	  char *func = dp_prof_field (line, "func");
	  char *shared = dp_prof_field (line, "shared");
	  char *state = dp_prof_field (line, "state");
	  unsigned long long ln = dp_dump_field_u64 (line, "line", &ok);
	  unsigned long long col = dp_dump_field_u64 (line, "col", &ok);
	  bool usable = kind && file && func && strcmp (kind, "jump") && !shared;
	  if (!ok || !kind || !file || !func || ln > UINT_MAX || col > UINT_MAX)
	    return false;
	  if (usable)
	    {
	      dp_prof_site s = {};
	      s.base = xstrdup (dp_prof_base_name (file));
	      s.func = dp_prof_strip_clone (func);
	      s.line = ln;
	      s.col = col;
	      s.targets = vNULL;
	      s.next = -1;
	      s.plain = state && (!strcmp (state, "idle")
				  || !strcmp (state, "predicted")
				  || !strcmp (state, "megamorphic"));
	      dp_prof_sites.safe_push (s);
	      site = &dp_prof_sites.last ();
	    }
	  free (kind);
	  free (file);
	  free (func);
	  free (shared);
	  free (state);
	}
      else if (!strncmp (line, "  target ", 9) || !strncmp (line, "  other ", 8))
	{
	  unsigned long long samples = dp_dump_field_u64 (line, "samples", &ok);
	  if (!ok)
	    return false;
	  if (!site)
	    continue;
	  site->samples += samples;
	  char *sym = line[2] == 't' ? dp_prof_field (line, "sym") : NULL;
	  if (line[2] == 't' && !sym)
	    return false;
	  if (sym && samples && strcmp (sym, "?"))
	    {
	      dp_prof_target t = { sym, samples };
	      site->targets.safe_push (t);
	    }
	  else
	    free (sym);
	}
      /* Other records (process, object, promoter, shared...) say
	 nothing of where a call is.  */
    }
  return *lineno > 0;
}

/* Read the profile of -fplugin-arg-dynpromote-profile=PATH.  A file
   that cannot be read or is no dump gets one warning naming the option,
   and the unit is compiled as without it.  */

void
dp_profile_read (const char *path)
{
  FILE *f = fopen (path, "r");
  if (!f)
    {
      warning (0, "dynpromote: cannot read %<-fplugin-arg-dynpromote-profile%>"
	       " file %qs: %s; compiling without it", path, xstrerror (errno));
      return;
    }
  unsigned long lineno;
  bool ok = dp_prof_parse (f, &lineno);
  fclose (f);
  if (!ok)
    {
      if (lineno == 0)
	warning (0, "dynpromote: %<-fplugin-arg-dynpromote-profile%> file"
		 " %qs is empty; compiling without it", path);
      else
	warning (0, "dynpromote: %<-fplugin-arg-dynpromote-profile%> file"
		 " %qs is not a dynpromote statistics dump (line %lu);"
		 " compiling without it", path, lineno);
      dp_prof_sites.truncate (0);
      return;
    }
  dp_prof_by_location = new hash_map<nofree_string_hash, int>;
  /* Chain each location's sites in file order.  */
  for (int i = (int) dp_prof_sites.length () - 1; i >= 0; i--)
    {
      dp_prof_site &s = dp_prof_sites[i];
      char *key = dp_prof_key (s.base, s.line, s.col);
      bool existed;
      int &first = dp_prof_by_location->get_or_insert (key, &existed);
      if (existed)
	{
	  s.next = first;
	  free (key);
	}
      first = i;
    }
  dp_prof_loaded = true;
}

/* A target the unit can call by name: SYM's function, or NULL.  */

static cgraph_node *
dp_prof_nameable (const char *sym)
{
  if (strchr (sym, '+'))
    return NULL;		/* inside a function, not its entry.  */
  symtab_node *node = symtab_node::get_for_asmname (get_identifier (sym));
  cgraph_node *fn = node ? dyn_cast<cgraph_node *> (node) : NULL;
  if (!fn || TREE_CODE (fn->decl) != FUNCTION_DECL)
    return NULL;
  return fn;
}

/* Whether the current function is built with retpolines.  */

static bool
dp_prof_retpoline_p (void)
{
  enum indirect_branch type = cfun->machine->indirect_branch_type;
  if (type == indirect_branch_unset)
    type = ix86_indirect_branch;
  return type != indirect_branch_keep && type != indirect_branch_unset;
}

/* One indirect call of the function and what the profile says of it.  */
struct dp_prof_call
{
  gcall *call;
  char *key;                    /* NULL: no source location.  */
  expanded_location xloc;
};

/* A target summed over the matched sites.  */
struct dp_prof_candidate
{
  const char *sym;
  unsigned long long samples;
};

static int
dp_prof_by_samples (const void *a, const void *b)
{
  const dp_prof_candidate *x = (const dp_prof_candidate *) a;
  const dp_prof_candidate *y = (const dp_prof_candidate *) b;
  if (x->samples != y->samples)
    return x->samples < y->samples ? 1 : -1;
  return strcmp (x->sym, y->sym);
}

/* Add the targets of site S to CANDS and its samples to *TOTAL.  */

static void
dp_prof_add_site (const dp_prof_site &s, vec<dp_prof_candidate> *cands,
		  unsigned long long *total)
{
  *total += s.samples;
  for (const dp_prof_target &t : s.targets)
    {
      bool found = false;
      for (dp_prof_candidate &c : *cands)
	if (!strcmp (c.sym, t.sym))
	  {
	    c.samples += t.samples;
	    found = true;
	  }
      if (!found)
	{
	  dp_prof_candidate c = { t.sym, t.samples };
	  cands->safe_push (c);
	}
    }
}

/* Per-function counts, for the dump's summary line.  */
struct dp_prof_counts
{
  unsigned calls, matched, promoted, targets, unmatched, plain;
};

/* Decide and transform call C, the ORDER'th of its location among the
   function's SAME calls there (FUNC: the function's name).  */

/* Start the dump line of call C (see dp_prof_promote).  */

static void
dp_prof_dump_call (const dp_prof_call &c, unsigned order, unsigned same,
		   const char *func)
{
  fprintf (dump_file, "profile: call ");
  if (same > 1)
    fprintf (dump_file, "%u of %u ", order + 1, same);
  fprintf (dump_file, "at %s:%d:%d in %s", c.xloc.file ? c.xloc.file : "?",
	   c.xloc.line, c.xloc.column, func);
}

static bool
dp_prof_promote (const dp_prof_call &c, unsigned order, unsigned same,
		 const char *func, dp_prof_counts *counts)
{
  int *first = c.key ? dp_prof_by_location->get (c.key) : NULL;
  if (!first)
    {
      counts->unmatched++;
      if (dump_file)
	{
	  dp_prof_dump_call (c, order, same, func);
	  fprintf (dump_file, ": unmatched (no site at this location), left"
		   " to run time\n");
	}
      return false;
    }
  counts->matched++;

  /* The sites of this function at the location, in profile order.  */
  auto_vec<int> own;
  for (int i = *first; i >= 0; i = dp_prof_sites[i].next)
    if (!strcmp (dp_prof_sites[i].func, func))
      own.safe_push (i);
  auto_vec<int> used;
  const char *how;
  if (own.length () == same)
    {
      used.safe_push (own[order]);
      how = "its site";
    }
  else if (!own.is_empty ())
    {
      used.safe_splice (own);
      how = "its sites added up";
    }
  else
    {
      for (int i = *first; i >= 0; i = dp_prof_sites[i].next)
	used.safe_push (i);
      how = "inlined copies added up";
    }
  auto_vec<dp_prof_candidate> cands;
  unsigned long long total = 0;
  bool plain = true;
  for (int i : used)
    {
      dp_prof_add_site (dp_prof_sites[i], &cands, &total);
      plain &= dp_prof_sites[i].plain;
    }
  cands.qsort (dp_prof_by_samples);

  bool retpoline = dp_prof_retpoline_p ();
  unsigned max = dp_settings.max_targets ? dp_settings.max_targets
					 : retpoline ? 4 : 2;
  unsigned min_percent = retpoline ? 5 : 50;
  auto_vec<cgraph_node *> chosen;
  auto_vec<unsigned long long> chosen_samples;
  pretty_printer pp;
  for (const dp_prof_candidate &cand : cands)
    {
      if (chosen.length () == max || !total
	  || cand.samples * 100 < total * min_percent)
	break;
      cgraph_node *node = dp_prof_nameable (cand.sym);
      if (!node)
	{
	  pp_printf (&pp, " %s (not nameable here)", cand.sym);
	  continue;
	}
      chosen.safe_push (node);
      chosen_samples.safe_push (cand.samples);
      char share[32];
      snprintf (share, sizeof share, "%.1f%%", 100.0 * cand.samples / total);
      pp_printf (&pp, " %s (%s)", cand.sym, share);
    }
  /* Without retpolines, a call the profiled run never made, or that
     the runtime left to the branch predictor, is best left an ordinary
     indirect call: rewritten, it would only pay its stub's extra jump
     and its padding (SQLite: 2% with <0.3% of the samples in stubs).  */
  plain &= !retpoline;
  if (dump_file)
    {
      dp_prof_dump_call (c, order, same, func);
      fprintf (dump_file, " (%s, %llu samples): %s%s%s\n", how, total,
	       chosen.is_empty () ? "no target promoted;" : "promoted",
	       pp_formatted_text (&pp),
	       plain ? "; left plain" : chosen.is_empty ()
	       ? "; left to run time" : "");
    }
  if (plain)
    counts->plain++;
  if (chosen.is_empty ())
    {
      /* A new function type only: no block changes.  */
      if (plain)
	dp_tag_call (c.call, DP_PROFILE_PLAIN_NAME);
      return false;
    }

  /* gimple_ic leaves C.CALL as the indirect call of the false arm, so
     each guard goes into the previous one's miss path.  */
  unsigned long long left = total;
  for (unsigned i = 0; i < chosen.length (); i++)
    {
      profile_probability prob
	= profile_probability::probability_in_gcov_type (chosen_samples[i],
							 left);
      gimple_ic (c.call, chosen[i], prob);
      left -= chosen_samples[i];
    }
  /* What the guards miss: plain too, if the site was.  */
  if (plain)
    dp_tag_call (c.call, DP_PROFILE_PLAIN_NAME);
  counts->promoted++;
  counts->targets += chosen.length ();
  return true;
}

static unsigned int
dp_profile_execute (function *fun)
{
  if (dp_function_skip_reason ())
    return 0;

  auto_vec<dp_prof_call> calls;
  basic_block bb;
  FOR_EACH_BB_FN (bb, fun)
    for (gimple_stmt_iterator gsi = gsi_start_bb (bb); !gsi_end_p (gsi);
	 gsi_next (&gsi))
      {
	gcall *call = dyn_cast<gcall *> (gsi_stmt (gsi));
	/* gimple_ic needs the call's memory effects (a const or pure
	   call has no virtual definition to split); a call that must be
	   a tail call stays one call.  */
	if (!call || !dp_indirect_call_p (call) || !gimple_call_fntype (call)
	    || !gimple_vdef (call) || gimple_call_must_tail_p (call)
	    || dp_call_has_attribute_p (call, DP_ATTRIBUTE_NAME)
	    || dp_call_has_attribute_p (call, DP_SHARED_ATTRIBUTE_NAME))
	  continue;
	dp_prof_call c = { call, NULL, expand_location (gimple_location (call)) };
	if (c.xloc.file && c.xloc.line > 0)
	  c.key = dp_prof_key (dp_prof_base_name (c.xloc.file), c.xloc.line,
			       c.xloc.column);
	calls.safe_push (c);
      }
  if (calls.is_empty ())
    return 0;

  const char *func
    = dp_prof_strip_clone (dp_function_asm_name (current_function_decl));
  dp_prof_counts counts = {};
  bool changed = false;
  for (unsigned i = 0; i < calls.length (); i++)
    {
      unsigned order = 0, same = 0;
      for (unsigned j = 0; j < calls.length (); j++)
	if (calls[i].key && calls[j].key && !strcmp (calls[i].key, calls[j].key))
	  {
	    same++;
	    order += j < i;
	  }
      counts.calls++;
      changed |= dp_prof_promote (calls[i], order, same, func, &counts);
    }
  if (dump_file)
    fprintf (dump_file, "profile: %s: %u indirect calls, %u matched,"
	     " %u promoted (%u targets), %u left plain, %u unmatched\n",
	     func, counts.calls, counts.matched, counts.promoted,
	     counts.targets, counts.plain, counts.unmatched);
  for (dp_prof_call &c : calls)
    free (c.key);
  free (CONST_CAST (char *, func));
  if (!changed)
    return 0;
  /* gimple_ic splits blocks but keeps no dominators or loops up to
     date.  */
  free_dominance_info (CDI_DOMINATORS);
  free_dominance_info (CDI_POST_DOMINATORS);
  if (current_loops)
    loops_state_set (LOOPS_NEED_FIXUP);
  mark_virtual_operands_for_renaming (fun);
  cgraph_edge::rebuild_edges ();
  return TODO_update_ssa | TODO_cleanup_cfg;
}

namespace {

const pass_data dp_profile_pass_data = {
  GIMPLE_PASS,
  "dynpromote-profile",
  OPTGROUP_NONE,
  TV_NONE,
  PROP_gimple_any | PROP_cfg | PROP_ssa,
  0,
  0,
  0,
  0
};

class dp_profile_pass : public gimple_opt_pass
{
public:
  dp_profile_pass (gcc::context *ctxt)
    : gimple_opt_pass (dp_profile_pass_data, ctxt)
  {}

  bool gate (function *) final override
  {
    return dp_prof_loaded && !dp_settings.disable;
  }
  unsigned int execute (function *fun) final override
  {
    return dp_profile_execute (fun);
  }
};

} // anon namespace

opt_pass *
dp_make_profile_pass (gcc::context *ctxt)
{
  return new dp_profile_pass (ctxt);
}
