/* dynpromote-optout.cc - find the calls the user opted out of dynpromote.

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
   call).  */

#include "dynpromote-plugin.h"

static bool
dp_has_attribute_p (tree attributes)
{
  return lookup_attribute (DP_ATTRIBUTE_NAME, attributes) != NULL_TREE;
}

bool
dp_decl_opted_out_p (const_tree decl)
{
  return decl && DECL_P (decl)
	 && dp_has_attribute_p (DECL_ATTRIBUTES (decl));
}

/* True if TYPE, its typedef name, or (for pointers) the pointed-to
   function type or its typedef name carry the attribute.  */

bool
dp_type_opted_out_p (const_tree type)
{
  for (int depth = 0; type && depth < 2; depth++)
    {
      if (dp_has_attribute_p (TYPE_ATTRIBUTES (type)))
	return true;
      tree name = TYPE_NAME (type);
      if (name && TREE_CODE (name) == TYPE_DECL && dp_decl_opted_out_p (name))
	return true;
      if (!POINTER_TYPE_P (type))
	break;
      type = TREE_TYPE (type);
    }
  return false;
}

/* A variant of function type FNTYPE carrying the attribute: the tag the
   RTL pass looks for.  */

static tree
dp_opted_out_function_type (tree fntype)
{
  if (dp_has_attribute_p (TYPE_ATTRIBUTES (fntype)))
    return fntype;
  tree attr = tree_cons (get_identifier (DP_ATTRIBUTE_NAME), NULL_TREE,
			 TYPE_ATTRIBUTES (fntype));
  return build_type_attribute_variant (fntype, attr);
}

/* True if the memory reference REF reads an opted-out field, variable or
   array of such.  */

static bool
dp_reference_opted_out_p (tree ref)
{
  while (ref)
    {
      if (dp_type_opted_out_p (TREE_TYPE (ref)))
	return true;
      switch (TREE_CODE (ref))
	{
	case COMPONENT_REF:
	  if (dp_decl_opted_out_p (TREE_OPERAND (ref, 1)))
	    return true;
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
	  return dp_decl_opted_out_p (ref);
	default:
	  return false;
	}
    }
  return false;
}

/* True if VALUE, the pointer an indirect call goes through, is opted out:
   by its type, by the user variable it belongs to, or by where it was
   loaded from.  Follows copies and PHIs a few steps back.  */

static bool
dp_value_opted_out_p (tree value, int depth)
{
  if (!value || depth > 8)
    return false;
  if (dp_type_opted_out_p (TREE_TYPE (value)))
    return true;
  if (TREE_CODE (value) != SSA_NAME)
    return dp_reference_opted_out_p (value);

  if (SSA_NAME_VAR (value) && dp_decl_opted_out_p (SSA_NAME_VAR (value)))
    return true;

  gimple *def = SSA_NAME_DEF_STMT (value);
  if (!def)
    return false;
  if (gphi *phi = dyn_cast<gphi *> (def))
    {
      for (unsigned i = 0; i < gimple_phi_num_args (phi); i++)
	if (dp_value_opted_out_p (gimple_phi_arg_def (phi, i), depth + 1))
	  return true;
      return false;
    }
  if (!is_gimple_assign (def))
    return false;
  tree rhs = gimple_assign_rhs1 (def);
  switch (gimple_assign_rhs_class (def))
    {
    case GIMPLE_SINGLE_RHS:
      if (TREE_CODE (rhs) == SSA_NAME)
	return dp_value_opted_out_p (rhs, depth + 1);
      return dp_reference_opted_out_p (rhs);
    case GIMPLE_UNARY_RHS:
      if (CONVERT_EXPR_CODE_P (gimple_assign_rhs_code (def)))
	return dp_value_opted_out_p (rhs, depth + 1);
      return false;
    default:
      return false;
    }
}

/* Tag opted-out indirect call CALL.  */

static void
dp_tag_call (gcall *call)
{
  tree fntype = gimple_call_fntype (call);
  if (fntype)
    gimple_call_set_fntype (call, dp_opted_out_function_type (fntype));
}

static bool
dp_indirect_call_p (gcall *call)
{
  if (gimple_call_internal_p (call))
    return false;
  tree fn = gimple_call_fn (call);
  return fn && !gimple_call_fndecl (call)
	 && !(TREE_CODE (fn) == ADDR_EXPR
	      && TREE_CODE (TREE_OPERAND (fn, 0)) == FUNCTION_DECL);
}

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
	if (!call || !dp_indirect_call_p (call))
	  continue;
	tree fn = gimple_call_fn (call);
	tree pointer = (TREE_CODE (fn) == OBJ_TYPE_REF
			? OBJ_TYPE_REF_EXPR (fn) : fn);
	if (dp_value_opted_out_p (pointer, 0)
	    || dp_type_opted_out_p (gimple_call_fntype (call)))
	  dp_tag_call (call);
      }
  return 0;
}

/* True if the callee expression FN of a CALL_EXPR, with its conversions,
   names an opted-out type, variable, parameter or field.  */

static bool
dp_callee_expr_opted_out_p (tree fn)
{
  for (int depth = 0; fn && depth < 16; depth++)
    {
      if (dp_type_opted_out_p (TREE_TYPE (fn)))
	return true;
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
	  return dp_reference_opted_out_p (fn);
	}
    }
  return false;
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
  if (!dp_callee_expr_opted_out_p (fn))
    return NULL_TREE;
  /* Gimplification takes the call's function type from the type of its
     callee expression.  */
  tree tagged = build_pointer_type (dp_opted_out_function_type (fntype));
  CALL_EXPR_FN (call) = build1 (NOP_EXPR, tagged, fn);
  return NULL_TREE;
}

/* PLUGIN_PRE_GENERICIZE: mark the opted-out calls of function GCC_DATA.  */

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
