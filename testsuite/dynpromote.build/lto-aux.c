/* Helper of lto.c: the other translation unit of the LTO program.  */

typedef long (*fn) (long);
static volatile long sink;

__attribute__ ((noipa)) long
aux_apply (fn f, long x)
{
  long r = f (x);
  sink = r;
  return r;
}

long aux_triple (long x) { return 3 * x; }
fn aux_table[2] = { aux_triple, 0 };
