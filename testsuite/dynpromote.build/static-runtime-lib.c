/* Helper of static-runtime.c: a plain (not plugin-built) shared object
   calling back into the program.  */

__attribute__ ((noipa)) long
plain_apply (long (*f) (long), long x)
{
  return f (x) + 0 * x;
}
