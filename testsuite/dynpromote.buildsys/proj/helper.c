/* helper.c - the buildsys test project's library: one indirect call.  */
typedef long (*op_fn) (long);

long helper_apply (op_fn f, long x);

__attribute__ ((noipa)) long
helper_apply (op_fn f, long x)
{
  return f (x);
}
