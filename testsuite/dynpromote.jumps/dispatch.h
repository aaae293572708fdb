/* dispatch.h - a small computed-goto loop for the compile-only tests
   of where jumps are rewritten: run () has a dispatch jump at its start
   and (at -O2, where GCC copies a computed goto into short blocks) one
   at the end of each of its four handlers, five in all, with GCC's own
   choices as with the plugin's.  op_call calls a function, so run is
   not a leaf and keeps nothing in the red zone, whatever the level.
   The test defines nothing else with an indirect branch.  */

#define NOIPA __attribute__ ((noipa))

extern long ext_step (long);

NOIPA long
run (const unsigned char *code, long x)
{
  static void *const ops[] = { &&op_inc, &&op_dbl, &&op_neg, &&op_call,
			       &&op_halt };
  goto *ops[*code++];
 op_inc: x += 1; goto *ops[*code++];
 op_dbl: x *= 2; goto *ops[*code++];
 op_neg: x = -x; goto *ops[*code++];
 op_call: x = ext_step (x); goto *ops[*code++];
 op_halt: return x;
}
