// Purpose: exceptions thrown by callees reached through rewritten calls
// and sibcalls unwind through the call sites (the unwinder must find
// the caller's frame right above the callee), run the destructors of
// the frames in between, can be caught, rethrown and caught again, and
// the sites keep working afterwards.
// { dg-do run }

#include <stdexcept>
#include "dp-test.h"

static int live;
struct Guard
{
  Guard () { live++; }
  ~Guard () { live--; }
};

typedef long (*fn) (long);

NOIPA long
thrower (long x)
{
  Guard g;
  if (x % 3 == 0)
    throw std::runtime_error ("three");
  if (x % 3 == 1)
    throw x;
  return x;
}

NOIPA long
middle (fn f, long x)
{
  Guard g;
  long r = f (x);
  return r + 1;
}

// At -O2 this is a sibcall.
NOIPA long
tail (fn f, long x)
{
  return f (x);
}

NOIPA long
rethrower (fn f, long x)
{
  Guard g;
  try
    {
      return middle (f, x);
    }
  catch (...)
    {
      throw;
    }
}

int
main ()
{
  int caught_str = 0, caught_long = 0, normal = 0;
  for (long rep = 0; rep < 300; rep++)
    {
      fn t = HIDE (thrower);
      long (*m) (fn, long) = HIDE (middle);
      long (*tl) (fn, long) = HIDE (tail);
      long (*rt) (fn, long) = HIDE (rethrower);
      try
	{
	  long r;
	  switch (rep % 3 + (rep / 3 % 3) * 3)
	    {
	    case 0: case 1: case 2: r = m (t, rep); break;
	    case 3: case 4: case 5: r = tl (t, rep) + 1; break;
	    default: r = rt (t, rep); break;
	    }
	  CHECK (r == rep + 1);
	  normal++;
	}
      catch (const std::runtime_error &e)
	{
	  CHECK (strcmp (e.what (), "three") == 0);
	  caught_str++;
	}
      catch (long v)
	{
	  CHECK (v == rep);
	  caught_long++;
	}
      CHECK (live == 0);
    }
  CHECK (caught_str == 100 && caught_long == 100 && normal == 100);
  puts ("ok");
  return 0;
}

// { dg-output "ok" }
// { dg-final { scan-assembler {\tcall\t\.Ldp_(?:entry|hit|guard)_\d+$} } }
// { dg-final { scan-assembler-not {\tcall\t\*(?!__dynpromote_sample@GOTPCREL)} } }
// { dg-final { scan-stats {^site [^\n]* func=_Z6middlePFllEl kind=call } } }
// { dg-final { scan-stats {^\s+target [^\n]*sym=_Z7throwerl } } }
