/* dynpromote-plugin.cc - entry point of the dynpromote GCC plugin.

   dynpromote rewrites every indirect call and indirect sibcall that GCC
   compiles into a direct call (or direct jump) to an entry stub of its
   own, one per call site, which the runtime library (libdynpromote) uses
   to learn the site's hot targets and later to promote them to direct
   jumps.  This file parses the plugin arguments, registers the opt-out
   attribute, predefines __DYNPROMOTE__ and inserts the passes:

     dynpromote-profile (GIMPLE, after "ssa", only with profile=): guarded
                        direct calls of a profile's hot targets; see
                        dynpromote-profile.cc;
     dynpromote_optout  (GIMPLE, after "optimized"): tags every call the
                        user opted out, so the decision survives
                        expansion to RTL (calls are also tagged before
                        gimplification, see dynpromote-optout.cc);
     dynpromote         (RTL, after "mach"): does the rewrite.  See
                        dynpromote-rewrite.cc for why it sits there.

   Arguments (-fplugin-arg-dynpromote-KEY[=VALUE]) are parsed strictly:
   an unknown key or a bad value is an error naming it.  */

#include "dynpromote-plugin.h"
#include "plugin-version.h"
#include "dynpromote/abi.h"
#include <dlfcn.h>

#define DP_STRINGIFY_1(x) #x
#define DP_STRINGIFY(x) DP_STRINGIFY_1 (x)

int plugin_is_GPL_compatible;

struct dp_settings dp_settings;

static struct plugin_info dp_plugin_info = {
  "0.1",
  "Promotes indirect calls to direct calls at run time.\n"
  "  -fplugin-arg-dynpromote-disable          rewrite nothing\n"
  "  -fplugin-arg-dynpromote-exclude=F[,F...] leave these functions alone\n"
  "  -fplugin-arg-dynpromote-max-targets=N    hot targets per site (1-8)\n"
  "  -fplugin-arg-dynpromote-verbose          a note for every site\n"
  "  -fplugin-arg-dynpromote-no-align-calls   do not pad rewritten calls\n"
  "                                           into one aligned 8-byte word\n"
  "                                           (align-calls: the default)\n"
  "  -fplugin-arg-dynpromote-inline-guard     an inline compare with the\n"
  "                                           hottest target before each\n"
  "                                           call (default: in functions\n"
  "                                           built with retpolines, with\n"
  "                                           align-calls)\n"
  "  -fplugin-arg-dynpromote-no-inline-guard  never an inline compare\n"
  "  -fplugin-arg-dynpromote-jumps            rewrite indirect jumps\n"
  "                                           (computed gotos, jump\n"
  "                                           tables) everywhere (default:\n"
  "                                           in functions built with\n"
  "                                           retpolines)\n"
  "  -fplugin-arg-dynpromote-no-jumps         never rewrite them\n"
  "  -fplugin-arg-dynpromote-no-jump-copies   keep GCC's own number of\n"
  "                                           computed-goto copies (by\n"
  "                                           default, one per handler\n"
  "                                           where jumps are rewritten)\n"
  "  -fplugin-arg-dynpromote-profile=DUMP     guard direct calls of the\n"
  "                                           hot targets a statistics\n"
  "                                           dump names (compile-time\n"
  "                                           promotion)\n"
  "  -fplugin-arg-dynpromote-dump             write the pass dumps, like\n"
  "                                           -fdump-rtl-dynpromote and\n"
  "                                           -fdump-tree-dynpromote-profile\n"
};

/* Parse a decimal number in [LO, HI]; false if VALUE is anything else.  */

static bool
dp_parse_unsigned (const char *value, unsigned lo, unsigned hi,
		   unsigned *result)
{
  if (!value || !*value)
    return false;
  unsigned long n = 0;
  for (const char *p = value; *p; p++)
    {
      if (!ISDIGIT (*p))
	return false;
      n = n * 10 + (*p - '0');
      if (n > hi)
	return false;
    }
  if (n < lo)
    return false;
  *result = n;
  return true;
}

/* Split a comma-separated list of function names into dp_settings.  */

static bool
dp_parse_exclude (const char *value)
{
  if (!value || !*value)
    return false;
  char *copy = xstrdup (value);
  for (char *name = strtok (copy, ","); name; name = strtok (NULL, ","))
    dp_settings.exclude.safe_push (xstrdup (name));
  free (copy);
  return dp_settings.exclude.length () > 0;
}

/* Parse every -fplugin-arg-dynpromote-*; report each bad one.  */

static void
dp_parse_arguments (const struct plugin_name_args *info)
{
  for (int i = 0; i < info->argc; i++)
    {
      const char *key = info->argv[i].key;
      const char *value = info->argv[i].value;
      bool is_flag = (!strcmp (key, "disable") || !strcmp (key, "verbose")
		      || !strcmp (key, "dump") || !strcmp (key, "align-calls")
		      || !strcmp (key, "no-align-calls")
		      || !strcmp (key, "inline-guard")
		      || !strcmp (key, "no-inline-guard")
		      || !strcmp (key, "jumps")
		      || !strcmp (key, "no-jumps")
		      || !strcmp (key, "jump-copies")
		      || !strcmp (key, "no-jump-copies"));

      if (is_flag && value)
	{
	  error ("dynpromote: option %qs takes no value (got %<%s=%s%>)",
		 key, key, value);
	  continue;
	}
      if (!strcmp (key, "disable"))
	dp_settings.disable = true;
      else if (!strcmp (key, "verbose"))
	dp_settings.verbose = true;
      else if (!strcmp (key, "dump"))
	dp_settings.dump = true;
      else if (!strcmp (key, "align-calls"))
	dp_settings.align_calls = true;
      else if (!strcmp (key, "no-align-calls"))
	dp_settings.align_calls = false;
      else if (!strcmp (key, "inline-guard"))
	dp_settings.inline_guard = DP_GUARD_ALWAYS;
      else if (!strcmp (key, "no-inline-guard"))
	dp_settings.inline_guard = DP_GUARD_NEVER;
      else if (!strcmp (key, "jumps"))
	dp_settings.jumps = DP_JUMPS_ALWAYS;
      else if (!strcmp (key, "no-jumps"))
	dp_settings.jumps = DP_JUMPS_NEVER;
      else if (!strcmp (key, "jump-copies"))
	dp_settings.jump_copies = true;
      else if (!strcmp (key, "no-jump-copies"))
	dp_settings.jump_copies = false;
      else if (!strcmp (key, "max-targets"))
	{
	  if (!dp_parse_unsigned (value, 1, 8, &dp_settings.max_targets))
	    error ("dynpromote: invalid value %qs for option %qs"
		   " (expected a number from 1 to 8)",
		   value ? value : "", key);
	}
      else if (!strcmp (key, "profile"))
	{
	  if (!value || !*value)
	    error ("dynpromote: invalid value %qs for option %qs"
		   " (expected the path of a statistics dump)",
		   value ? value : "", key);
	  else
	    dp_settings.profile = value;
	}
      else if (!strcmp (key, "exclude"))
	{
	  if (!dp_parse_exclude (value))
	    error ("dynpromote: invalid value %qs for option %qs"
		   " (expected a comma-separated list of function names)",
		   value ? value : "", key);
	}
      else
	error ("dynpromote: unknown option %qs"
	       " (known: align-calls, disable, dump, exclude, inline-guard,"
	       " jump-copies, jumps, max-targets, no-align-calls,"
	       " no-inline-guard, no-jump-copies, no-jumps, profile, verbose)",
	       key);
    }
}

/* Attribute handler: accept the attribute on functions, on function
   pointer (or function) types and typedefs, and on variables, parameters
   and fields whose type is a function pointer or an array of them.
   Anywhere else it is ignored with a -Wattributes warning.  */

bool
dp_function_pointer_like_p (const_tree type)
{
  while (type && TREE_CODE (type) == ARRAY_TYPE)
    type = TREE_TYPE (type);
  if (!type)
    return false;
  if (TREE_CODE (type) == FUNCTION_TYPE || TREE_CODE (type) == METHOD_TYPE)
    return true;
  if (POINTER_TYPE_P (type))
    {
      const_tree pointee = TREE_TYPE (type);
      return (TREE_CODE (pointee) == FUNCTION_TYPE
	      || TREE_CODE (pointee) == METHOD_TYPE);
    }
  return false;
}

static tree
dp_handle_attribute (tree *node, tree name, tree, int, bool *no_add_attrs)
{
  tree n = *node;
  bool ok;

  if (DECL_P (n))
    ok = (TREE_CODE (n) == FUNCTION_DECL
	  || ((TREE_CODE (n) == VAR_DECL || TREE_CODE (n) == PARM_DECL
	       || TREE_CODE (n) == FIELD_DECL || TREE_CODE (n) == TYPE_DECL)
	      && dp_function_pointer_like_p (TREE_TYPE (n))));
  else
    ok = TYPE_P (n) && dp_function_pointer_like_p (n);

  if (!ok)
    {
      warning (OPT_Wattributes,
	       "%qE attribute ignored: it applies to functions, function "
	       "pointers and their types, variables, parameters and fields",
	       name);
      *no_add_attrs = true;
    }
  return NULL_TREE;
}

static struct attribute_spec dp_attribute_spec = {
  DP_ATTRIBUTE_NAME, 0, 0, false, false, false, false,
  dp_handle_attribute, NULL
};

static void
dp_register_attributes (void *, void *)
{
  dp_register_shared_attribute ();
  register_attribute (&dp_attribute_spec);
  dp_static_register_attribute ();
}

/* Predefine __DYNPROMOTE__ in the C and C++ front ends.  The preprocessor
   does not exist in lto1, which loads the same plugin, so its symbols are
   looked up at run time instead of being linked; cc1 exports libcpp's
   _cpp_define_builtin (which takes "NAME VALUE") but not cpp_define.  */

static void
dp_predefine_macro (void *, void *)
{
  typedef void (*define_fn) (cpp_reader *, const char *);
  cpp_reader **reader = (cpp_reader **) dlsym (RTLD_DEFAULT, "parse_in");
  if (!reader || !*reader)
    return;
  /* Already-preprocessed input (-save-temps, -fpreprocessed) has no
     macros left to expand, and a #define there is not accepted.  */
  cpp_options **options = (cpp_options **) dlsym (RTLD_DEFAULT, "cpp_opts");
  if (options && *options && (*options)->preprocessed)
    return;
  if (define_fn define = (define_fn) dlsym (RTLD_DEFAULT, "cpp_define"))
    define (*reader, "__DYNPROMOTE__=" DP_STRINGIFY (DYNPROMOTE_ABI_VERSION));
  else if (define_fn builtin
	   = (define_fn) dlsym (RTLD_DEFAULT, "_cpp_define_builtin"))
    builtin (*reader, "__DYNPROMOTE__ " DP_STRINGIFY (DYNPROMOTE_ABI_VERSION));
  else
    warning (0, "dynpromote: cannot predefine %<__DYNPROMOTE__%>;"
	     " %<DYNPROMOTE_OFF%> will expand to nothing");
}

/* Insert PASS right after the first instance of GCC's pass AFTER.  */

static void
dp_register_pass (struct plugin_name_args *info, opt_pass *pass,
		  const char *after)
{
  struct register_pass_info where;
  where.pass = pass;
  where.reference_pass_name = after;
  where.ref_pass_instance_number = 1;
  where.pos_op = PASS_POS_INSERT_AFTER;
  register_callback (info->base_name, PLUGIN_PASS_MANAGER_SETUP, NULL,
		     &where);
}

int
plugin_init (struct plugin_name_args *info,
	     struct plugin_gcc_version *version)
{
  if (!plugin_default_version_check (version, &gcc_version))
    {
      error ("dynpromote: this plugin was built for GCC %s and cannot be "
	     "loaded into GCC %s", gcc_version.basever, version->basever);
      return 1;
    }

  dp_settings.align_calls = true;
  dp_settings.inline_guard = DP_GUARD_AUTO;
  dp_settings.jumps = DP_JUMPS_AUTO;
  dp_settings.jump_copies = true;
  dp_parse_arguments (info);

  register_callback (info->base_name, PLUGIN_INFO, NULL, &dp_plugin_info);
  register_callback (info->base_name, PLUGIN_ATTRIBUTES,
		     dp_register_attributes, NULL);
  register_callback (info->base_name, PLUGIN_PRAGMAS,
		     dp_predefine_macro, NULL);
  register_callback (info->base_name, PLUGIN_PRE_GENERICIZE,
		     dp_mark_source_calls, NULL);

  /* lto1 loads the plugin too, but its units were promoted when they
     were compiled; cc1 -E (-save-temps) compiles nothing.  */
  int *preprocess_only = (int *) dlsym (RTLD_DEFAULT, "flag_preprocess_only");
  if (dp_settings.profile && strcmp (lang_hooks.name, "GNU GIMPLE")
      && !(preprocess_only && *preprocess_only))
    {
      dp_profile_read (dp_settings.profile);
      dp_register_pass (info, dp_make_profile_pass (g), "ssa");
      if (dp_settings.dump)
	g->get_dumps ()->dump_switch_p ("tree-dynpromote-profile");
    }
  dp_register_pass (info, dp_make_optout_pass (g), "optimized");
  dp_register_pass (info, dp_make_rewrite_pass (g), "mach");

  /* GCC 11 and 12 parse -fdump-* before plugins have registered their
     passes, so -fdump-rtl-dynpromote is unknown there (GCC 13 defers
     it); the dump option switches the same dump on through the dump
     manager.  */
  if (dp_settings.dump)
    g->get_dumps ()->dump_switch_p ("rtl-dynpromote");

  register_callback (info->base_name, PLUGIN_PASS_EXECUTION,
		     dp_jump_copies_pass_start, NULL);
  register_callback (info->base_name, PLUGIN_FINISH_UNIT,
		     dp_emit_unit_end, NULL);
  return 0;
}
