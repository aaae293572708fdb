/* Shared object of sc-dlopen.c: calls through the program's key.  */
#include <dynpromote/static_call.h>

long proto (long);
DECLARE_STATIC_CALL (op, proto);

static long sink;

__attribute__ ((noipa)) long
lib_run (long x)
{
  long r = static_call (op) (x);
  sink += r;
  return r;
}
