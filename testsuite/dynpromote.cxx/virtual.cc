// Purpose: C++ virtual calls are rewritten and dispatch correctly:
// single inheritance, multiple inheritance (this-adjusting thunks),
// virtual inheritance, covariant returns, virtual destructors, and
// calls through references; the dump shows the sites and the targets
// by their mangled names.  Every call is sampled (LEARN_PERIOD 1):
// Both::area makes 64 of the site's 192 calls, and at the default 1 in 16
// about 1 run in 100 sampled none of them.
// { dg-do run }
// { dg-set-env DYNPROMOTE_LEARN_PERIOD 1 }

#include "dp-test.h"

struct Shape
{
  virtual ~Shape () {}
  virtual long area () const = 0;
  virtual Shape *self () { return this; }
};

struct Rect : Shape
{
  long w, h;
  Rect (long w_, long h_) : w (w_), h (h_) {}
  long area () const override { return w * h; }
  Rect *self () override { return this; }
};

struct Square : Rect
{
  explicit Square (long s) : Rect (s, s) {}
  long area () const override { return Rect::area () + 0; }
};

struct Named
{
  virtual ~Named () {}
  virtual const char *name () const { return "named"; }
  long tag = 7;
};

// Named is a secondary base: calls through Named* need a this-adjusting
// thunk.
struct Both : Shape, Named
{
  long area () const override { return 99; }
  const char *name () const override { return tag == 7 ? "both" : "bad"; }
};

struct VBase
{
  long v = 5;
  virtual long get () const { return v; }
  virtual ~VBase () {}
};
struct VLeft : virtual VBase { long get () const override { return v * 10; } };
struct VRight : virtual VBase {};
struct VDiamond : VLeft, VRight {};

static int destroyed;
struct Counted : Rect
{
  Counted () : Rect (1, 1) {}
  ~Counted () override { destroyed++; }
};

NOIPA long
total_area (Shape *const *v, int n)
{
  long s = 0;
  for (int i = 0; i < n; i++)
    s += v[i]->area ();
  return s;
}

NOIPA const char *
name_of (const Named &n)
{
  return n.name ();
}

NOIPA long
get_of (VBase *b)
{
  return b->get ();
}

NOIPA void
destroy (Shape *s)
{
  delete s;
}

int
main ()
{
  for (int rep = 0; rep < 64; rep++)
    {
      Rect r (rep, 3);
      Square sq (4);
      Both b;
      Shape *v[] = { &r, &sq, &b };
      Shape **hv = HIDE (v);
      CHECK (total_area (hv, 3) == rep * 3 + 16 + 99);
      CHECK (HIDE ((Shape *) &r)->self () == &r);
      CHECK (strcmp (name_of (*HIDE ((Named *) &b)), "both") == 0);
      Named plain;
      CHECK (strcmp (name_of (plain), "named") == 0);
      VDiamond d;
      CHECK (get_of (HIDE ((VBase *) &d)) == 50);
      VRight vr;
      CHECK (get_of (HIDE ((VBase *) &vr)) == 5);
      destroy (HIDE ((Shape *) new Counted));
    }
  CHECK (destroyed == 64);
  puts ("ok");
  return 0;
}

// { dg-output "ok" }
// { dg-final { scan-assembler {\tcall\t\.Ldp_(?:entry|hit|guard)_\d+$} } }
// { dg-final { scan-assembler-not {\tcall\t\*(?!__dynpromote_sample@GOTPCREL)} } }
// { dg-final { scan-stats {^site [^\n]* func=_Z10total_areaPKP5Shapei kind=call } } }
// { dg-final { scan-stats {^\s+target [^\n]*sym=_ZNK4Rect4areaEv } } }
// { dg-final { scan-stats {^\s+target [^\n]*sym=_ZNK4Both4areaEv } } }
// { dg-final { scan-stats {^\s+target [^\n]*sym=_ZThn8_NK4Both4nameEv } } }
