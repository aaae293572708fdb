/* The shared object of dso.c: two sites of family io.  */

typedef long (*io_fn) (long) __attribute__ ((dynpromote_shared ("io")));

__attribute__ ((noipa)) long
lib_call (io_fn f, long x)
{
  return f (x) + 0;
}

__attribute__ ((noipa)) long
lib_call2 (io_fn f, long x)
{
  return f (x) + 0;
}
