// Purpose: static_call from C++: the macros declare C-linkage keys and
// trampolines, calls and updates work (inline implementation), a NULL
// key returns 0, and a key defined in C++ is usable from a member
// function.
// { dg-do run }

#include <cstdio>
#include <cstdlib>
#include <dynpromote/static_call.h>

#define CHECK(c) do { if (!(c)) { std::fprintf (stderr, "FAILED: %s\n", #c); std::abort (); } } while (0)

__attribute__ ((noipa)) long add1 (long x) { return x + 1; }
__attribute__ ((noipa)) long mul2 (long x) { return x * 2; }

DEFINE_STATIC_CALL (op, add1);
DEFINE_STATIC_CALL_NULL (hook, add1);

struct runner
{
  long k;
  __attribute__ ((noipa)) long run (long x) { return static_call (op) (x) + k; }
};

int
main ()
{
  runner r = { 0 };
  CHECK (r.run (10) == 11);
  CHECK (static_call (hook) (3) == 0 && static_call_query (hook) == nullptr);
  static_call_update (op, mul2);
  CHECK (r.run (10) == 20 && static_call_query (op) == mul2);
  static_call_update (op, nullptr);
  CHECK (r.run (10) == 0);
  static_call_update (hook, &add1);
  CHECK (static_call (hook) (3) == 4);
  std::puts ("c++ static ok");
  return 0;
}

// { dg-output "c\\+\\+ static ok" }
