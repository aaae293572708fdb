/* Helper of shared.c: a plugin-built shared object (-fPIC -shared) with
   rewritten calls to its own functions, to the program's callbacks, and
   sibcalls.  */

typedef long (*fn) (long);
static volatile long sink;

__attribute__ ((noipa)) static long lib_sq (long x) { return x * x; }
static fn volatile lib_fn = lib_sq;

__attribute__ ((noipa)) long
lib_apply (fn f, long x)
{
  long r = f (x);
  sink = r;
  return r;
}

__attribute__ ((noipa)) long
lib_own (long x)
{
  long r = lib_fn (x);
  sink = r;
  return r;
}

__attribute__ ((noipa)) long
lib_tail (fn f, long x)
{
  return f (x + 1);
}
