/* Helper of dlopen.c: a shared object built with the plugin, whose
   functions make rewritten calls to its own functions and to callbacks
   of the program.  */

typedef long (*fn) (long);
static volatile long sink;

__attribute__ ((noipa)) static long lib_twice (long x) { return 2 * x; }
static fn volatile lib_own = lib_twice;

__attribute__ ((noipa)) long
lib_apply (fn f, long x)
{
  long r = f (x);
  sink = r;
  return r;
}

__attribute__ ((noipa)) long
lib_internal (long x)
{
  long r = lib_own (x);
  sink = r;
  return r;
}
