/* Helper of dlopen-loop.c: a shared object with one rewritten site.  */

typedef long (*fn) (long);
static volatile long sink;

__attribute__ ((noipa)) long
loop_apply (fn f, long x)
{
  long r = f (x);
  sink = r;
  return r;
}
