/* The second unit of union.c: another site of family ops.  */

#include "dp-test.h"

typedef long (*op_fn) (long) DYNPROMOTE_SHARED (ops);

NOIPA long
call_b (op_fn f, long x)
{
  return f (x);
}
