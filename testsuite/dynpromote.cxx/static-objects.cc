// Purpose: constructors of global objects make virtual calls before
// main and their destructors make virtual calls after main returns;
// both work through rewritten sites whether the runtime has registered
// this object yet or not.
// { dg-do run }

#include <unistd.h>
#include "dp-test.h"

struct Op
{
  virtual long apply (long x) const = 0;
  virtual ~Op () {}
};
struct Twice : Op { long apply (long x) const override { return 2 * x; } };
struct Plus : Op { long apply (long x) const override { return x + 5; } };

static long run (const Op &op, long x) __attribute__ ((noipa));
static long
run (const Op &op, long x)
{
  long r = op.apply (x);
  return r;
}

static void
say (const char *s)
{
  // write(2), not stdio: stdout may be closed when late destructors run.
  if (write (1, s, strlen (s)) < 0)
    abort ();
}

struct Early
{
  long v;
  Early () : v (run (*HIDE ((Op *) new Twice), 21))
  {
    CHECK (v == 42);
    say ("ctor ok\n");
  }
  ~Early ()
  {
    CHECK (run (*HIDE ((Op *) new Plus), v) == 47);
    say ("dtor ok\n");
  }
};

static Early early;

int
main ()
{
  CHECK (early.v == 42);
  say ("main ok\n");
  return 0;
}

// { dg-output "ctor ok\nmain ok\ndtor ok\n" }
// { dg-final { scan-assembler {\t(call|jmp)\t\.Ldp_(?:entry|hit|guard)_\d+$} } }
