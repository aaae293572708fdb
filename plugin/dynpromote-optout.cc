/* dynpromote-optout.cc - find the calls the user opted out of dynpromote,
   and the calls that share a family's learning state.

   Two places look, and both mark a call the same way (below):
   - before gimplification (PLUGIN_PRE_GENERICIZE), where the source is
     still whole: casts to opted-out types, local variables that
     optimisation will copy-propagate away;
   - a GIMPLE pass just before expansion, which follows SSA copies and
     PHIs back to the field, variable or parameter a pointer came from,
     for calls that only exist after inlining and other optimisation.

   The attribute can sit on a function pointer type or typedef, on the
   function type, or on the variable, parameter or field the pointer was
   loaded from.  Only GIMPLE still knows where a call's pointer came from,
   so this pass runs just before expansion to RTL and, for every indirect
   call that is opted out, gives the call a variant of its function type
   that carries the attribute.  Expansion records the called function, of
   that type, as the MEM_EXPR of the call's address, where the RTL pass
   finds it (and where it survives RTL passes that copy or duplicate the
   call).

   The same machinery carries the two call attributes: dynpromote_off and
   dynpromote_shared ("family").  Each lookup below takes the attribute's
   name; a call with both is tagged with both, and the RTL pass lets
   dynpromote_off win.  */

#include "dynpromote-plugin.h"
#include "dynpromote/abi.h"

/* The attribute NAME in ATTRIBUTES, or NULL_TREE.  */

static tree
dp_lookup (const char *name, tree attributes)
{
  return lookup_attribute (name, attributes);
}

static tree
dp_decl_attribute (const_tree decl, const char *name)
{
  if (!decl || !DECL_P (decl))
    return NULL_TREE;
  return dp_lookup (name, DECL_ATTRIBUTES (decl));
}

bool
dp_decl_opted_out_p (const_tree decl)
{
  return dp_decl_attribute (decl, DP_ATTRIBUTE_NAME) != NULL_TREE;
}

/* Attribute NAME on TYPE, its typedef name, or (for pointers) the
   pointed-to function type or its typedef name.  */

static tree
dp_type_attribute (const_tree type, const char *name)
{
  for (int depth = 0; type && depth < 2; depth++)
    {
      if (tree attr = dp_lookup (name, TYPE_ATTRIBUTES (type)))
	return attr;
      tree tname = TYPE_NAME (type);
      if (tname && TREE_CODE (tname) == TYPE_DECL)
	if (tree attr = dp_decl_attribute (tname, name))
	  return attr;
      if (!POINTER_TYPE_P (type))
	break;
      type = TREE_TYPE (type);
    }
  return NULL_TREE;
}

bool
dp_type_opted_out_p (const_tree type)
{
  return dp_type_attribute (type, DP_ATTRIBUTE_NAME) != NULL_TREE;
}

/* A variant of function type FNTYPE carrying ATTR (named NAME): the tag
   the RTL pass looks for.  */

static tree
dp_tagged_function_type (tree fntype, const char *name, tree attr)
{
  if (dp_lookup (name, TYPE_ATTRIBUTES (fntype)))
    return fntype;
  tree list = tree_cons (get_identifier (name), TREE_VALUE (attr),
			 TYPE_ATTRIBUTES (fntype));
  return build_type_attribute_variant (fntype, list);
}

/* Attribute NAME on the field, variable or array of such that the memory
   reference REF reads.  */

static tree
dp_reference_attribute (tree ref, const char *name)
{
  while (ref)
    {
      if (tree attr = dp_type_attribute (TREE_TYPE (ref), name))
	return attr;
      switch (TREE_CODE (ref))
	{
	case COMPONENT_REF:
	  if (tree attr = dp_decl_attribute (TREE_OPERAND (ref, 1), name))
	    return attr;
	  ref = TREE_OPERAND (ref, 0);
	  break;
	case ARRAY_REF:
	case ARRAY_RANGE_REF:
	case BIT_FIELD_REF:
	case VIEW_CONVERT_EXPR:
	case REALPART_EXPR:
	case IMAGPART_EXPR:
	  ref = TREE_OPERAND (ref, 0);
	  break;
	case VAR_DECL:
	case PARM_DECL:
	case RESULT_DECL:
	  return dp_decl_attribute (ref, name);
	default:
	  return NULL_TREE;
	}
    }
  return NULL_TREE;
}

/* Attribute NAME on VALUE, the pointer an indirect call goes through: on
   its type, on the user variable it belongs to, or on where it was loaded
   from.  Follows copies and PHIs a few steps back.  */

static tree
dp_value_attribute (tree value, int depth, const char *name)
{
  if (!value || depth > 8)
    return NULL_TREE;
  if (tree attr = dp_type_attribute (TREE_TYPE (value), name))
    return attr;
  if (TREE_CODE (value) != SSA_NAME)
    return dp_reference_attribute (value, name);

  if (SSA_NAME_VAR (value))
    if (tree attr = dp_decl_attribute (SSA_NAME_VAR (value), name))
      return attr;

  gimple *def = SSA_NAME_DEF_STMT (value);
  if (!def)
    return NULL_TREE;
  if (gphi *phi = dyn_cast<gphi *> (def))
    {
      for (unsigned i = 0; i < gimple_phi_num_args (phi); i++)
	if (tree attr = dp_value_attribute (gimple_phi_arg_def (phi, i),
					    depth + 1, name))
	  return attr;
      return NULL_TREE;
    }
  if (!is_gimple_assign (def))
    return NULL_TREE;
  tree rhs = gimple_assign_rhs1 (def);
  switch (gimple_assign_rhs_class (def))
    {
    case GIMPLE_SINGLE_RHS:
      if (TREE_CODE (rhs) == SSA_NAME)
	return dp_value_attribute (rhs, depth + 1, name);
      return dp_reference_attribute (rhs, name);
    case GIMPLE_UNARY_RHS:
      if (CONVERT_EXPR_CODE_P (gimple_assign_rhs_code (def)))
	return dp_value_attribute (rhs, depth + 1, name);
      return NULL_TREE;
    default:
      return NULL_TREE;
    }
}

bool
dp_indirect_call_p (gcall *call)
{
  if (gimple_call_internal_p (call))
    return false;
  tree fn = gimple_call_fn (call);
  return fn && !gimple_call_fndecl (call)
	 && !(TREE_CODE (fn) == ADDR_EXPR
	      && TREE_CODE (TREE_OPERAND (fn, 0)) == FUNCTION_DECL);
}

/* Whether the indirect CALL has call attribute NAME (dynpromote_off or
   dynpromote_shared) from its type or from where its pointer came from,
   as far as the function's GIMPLE shows now (the profile pass asks
   before inlining; this file's own pass looks again before expansion).  */

bool
dp_call_has_attribute_p (gcall *call, const char *name)
{
  tree fn = gimple_call_fn (call);
  tree pointer = (TREE_CODE (fn) == OBJ_TYPE_REF ? OBJ_TYPE_REF_EXPR (fn) : fn);
  return (dp_type_attribute (gimple_call_fntype (call), name)
	  || dp_value_attribute (pointer, 0, name));
}

/* Tag CALL with NAME (attribute NAME on a variant of its function
   type), as this file's pass tags opted-out calls: the tag reaches the
   RTL pass through the call's MEM_EXPR (dp_mem_tagged_p).  */

void
dp_tag_call (gcall *call, const char *name)
{
  tree attr = tree_cons (get_identifier (name), NULL_TREE, NULL_TREE);
  gimple_call_set_fntype (call, dp_tagged_function_type
			  (gimple_call_fntype (call), name, attr));
}

/* Whether the call through MEM (in RTL) was tagged NAME.  */

bool
dp_mem_tagged_p (const_rtx mem, const char *name)
{
  tree expr = MEM_EXPR (mem);
  return expr && dp_type_attribute (TREE_TYPE (expr), name) != NULL_TREE;
}

/* The call attributes, in the order they are looked for.  */
static const char *const dp_call_attributes[] = {
  DP_ATTRIBUTE_NAME, DP_SHARED_ATTRIBUTE_NAME
};

static unsigned int
dp_optout_execute (function *fun)
{
  /* A function with the attribute is handled as a whole by the RTL pass;
     nothing to tag here.  */
  if (dp_decl_opted_out_p (fun->decl))
    return 0;

  basic_block bb;
  FOR_EACH_BB_FN (bb, fun)
    for (gimple_stmt_iterator gsi = gsi_start_bb (bb); !gsi_end_p (gsi);
	 gsi_next (&gsi))
      {
	gcall *call = dyn_cast<gcall *> (gsi_stmt (gsi));
	if (!call || !dp_indirect_call_p (call) || !gimple_call_fntype (call))
	  continue;
	tree fn = gimple_call_fn (call);
	tree pointer = (TREE_CODE (fn) == OBJ_TYPE_REF
			? OBJ_TYPE_REF_EXPR (fn) : fn);
	for (const char *name : dp_call_attributes)
	  {
	    /* A tag from the front end (the source's own cast or
	       variable) is the most precise; keep it.  */
	    tree fntype = gimple_call_fntype (call);
	    tree attr = dp_type_attribute (fntype, name);
	    if (!attr)
	      attr = dp_value_attribute (pointer, 0, name);
	    if (attr)
	      gimple_call_set_fntype (call, dp_tagged_function_type (fntype,
								     name,
								     attr));
	  }
      }
  return 0;
}

/* Attribute NAME on the callee expression FN of a CALL_EXPR, with its
   conversions: on a type, variable, parameter or field it names.  */

static tree
dp_callee_expr_attribute (tree fn, const char *name)
{
  for (int depth = 0; fn && depth < 16; depth++)
    {
      if (tree attr = dp_type_attribute (TREE_TYPE (fn), name))
	return attr;
      switch (TREE_CODE (fn))
	{
	CASE_CONVERT:
	case NON_LVALUE_EXPR:
	case SAVE_EXPR:
	  fn = TREE_OPERAND (fn, 0);
	  break;
	case COMPOUND_EXPR:
	  fn = TREE_OPERAND (fn, 1);
	  break;
	case INDIRECT_REF:
	  /* (*fp) (args) calls through fp.  */
	  fn = TREE_OPERAND (fn, 0);
	  break;
	default:
	  return dp_reference_attribute (fn, name);
	}
    }
  return NULL_TREE;
}

static tree
dp_mark_call_expr (tree *tp, int *walk_subtrees, void *)
{
  tree call = *tp;
  *walk_subtrees = 1;
  if (TREE_CODE (call) != CALL_EXPR || CALL_EXPR_FN (call) == NULL_TREE)
    return NULL_TREE;
  tree fn = CALL_EXPR_FN (call);
  if (TREE_CODE (fn) == ADDR_EXPR || TREE_CODE (fn) == OBJ_TYPE_REF
      || !POINTER_TYPE_P (TREE_TYPE (fn)))
    return NULL_TREE;
  tree fntype = TREE_TYPE (TREE_TYPE (fn));
  if (TREE_CODE (fntype) != FUNCTION_TYPE && TREE_CODE (fntype) != METHOD_TYPE)
    return NULL_TREE;
  tree tagged = fntype;
  for (const char *name : dp_call_attributes)
    if (tree attr = dp_callee_expr_attribute (fn, name))
      tagged = dp_tagged_function_type (tagged, name, attr);
  if (tagged == fntype)
    return NULL_TREE;
  /* Gimplification takes the call's function type from the type of its
     callee expression.  */
  CALL_EXPR_FN (call) = build1 (NOP_EXPR, build_pointer_type (tagged), fn);
  return NULL_TREE;
}

/* PLUGIN_PRE_GENERICIZE: mark the opted-out and shared calls of function
   GCC_DATA.  */

void
dp_mark_source_calls (void *gcc_data, void *)
{
  tree fndecl = (tree) gcc_data;
  if (dp_settings.disable || !fndecl || TREE_CODE (fndecl) != FUNCTION_DECL
      || !DECL_SAVED_TREE (fndecl) || dp_decl_opted_out_p (fndecl))
    return;
  walk_tree_without_duplicates (&DECL_SAVED_TREE (fndecl),
				dp_mark_call_expr, NULL);
}

/* The family of the call whose MEM_EXPR is EXPR (see the top of this
   file), or NULL.  */

const char *
dp_call_family (tree expr)
{
  if (!expr)
    return NULL;
  tree attr = dp_type_attribute (TREE_TYPE (expr), DP_SHARED_ATTRIBUTE_NAME);
  if (!attr && TREE_CODE (expr) == MEM_REF)
    {
      tree pointer = TREE_OPERAND (expr, 0);
      attr = dp_type_attribute (TREE_TYPE (pointer), DP_SHARED_ATTRIBUTE_NAME);
      if (!attr)
	attr = dp_decl_attribute (pointer, DP_SHARED_ATTRIBUTE_NAME);
    }
  if (!attr || !TREE_VALUE (attr)
      || TREE_CODE (TREE_VALUE (TREE_VALUE (attr))) != STRING_CST)
    return NULL;
  return TREE_STRING_POINTER (TREE_VALUE (TREE_VALUE (attr)));
}

/* True if STR names a family: an identifier short enough for the dump.  */

static bool
dp_family_name_p (const char *str, size_t len)
{
  if (len == 0 || len >= DP_SHARED_NAME_MAX || strlen (str) != len
      || ISDIGIT (str[0]))
    return false;
  for (size_t i = 0; i < len; i++)
    if (!ISALNUM (str[i]) && str[i] != '_')
      return false;
  return true;
}

/* Handler of dynpromote_shared ("family"): a bad family is an error;
   anything but a function pointer (type, typedef, variable, parameter,
   field, or array of such) gets a -Wattributes warning.  */

static tree
dp_handle_shared_attribute (tree *node, tree name, tree args, int,
			    bool *no_add_attrs)
{
  tree arg = args ? TREE_VALUE (args) : NULL_TREE;
  if (!arg || TREE_CODE (arg) != STRING_CST
      || !dp_family_name_p (TREE_STRING_POINTER (arg),
			    TREE_STRING_LENGTH (arg) - 1))
    {
      error ("%qE attribute argument must be a string naming the family:"
	     " an identifier of 1 to %d characters", name,
	     DP_SHARED_NAME_MAX - 1);
      *no_add_attrs = true;
      return NULL_TREE;
    }

  tree n = *node;
  bool ok;
  if (DECL_P (n))
    ok = ((TREE_CODE (n) == VAR_DECL || TREE_CODE (n) == PARM_DECL
	   || TREE_CODE (n) == FIELD_DECL || TREE_CODE (n) == TYPE_DECL)
	  && dp_function_pointer_like_p (TREE_TYPE (n)));
  else
    ok = TYPE_P (n) && dp_function_pointer_like_p (n);
  if (!ok)
    {
      warning (OPT_Wattributes,
	       "%qE attribute ignored: it applies to function pointers and"
	       " their types, variables, parameters and fields", name);
      *no_add_attrs = true;
    }
  return NULL_TREE;
}

static struct attribute_spec dp_shared_attribute_spec = {
  DP_SHARED_ATTRIBUTE_NAME, 1, 1, false, false, false, false,
  dp_handle_shared_attribute, NULL
};

void
dp_register_shared_attribute (void)
{
  register_attribute (&dp_shared_attribute_spec);
}

namespace {

const pass_data dp_optout_pass_data = {
  GIMPLE_PASS,
  "dynpromote_optout",
  OPTGROUP_NONE,
  TV_NONE,
  PROP_ssa | PROP_cfg,
  0, 0, 0, 0
};

class dp_optout_pass : public gimple_opt_pass
{
public:
  dp_optout_pass (gcc::context *ctxt)
    : gimple_opt_pass (dp_optout_pass_data, ctxt)
  {}

  bool gate (function *) final override { return !dp_settings.disable; }
  unsigned int execute (function *fun) final override
  {
    return dp_optout_execute (fun);
  }
};

} // anon namespace

opt_pass *
dp_make_optout_pass (gcc::context *ctxt)
{
  return new dp_optout_pass (ctxt);
}
