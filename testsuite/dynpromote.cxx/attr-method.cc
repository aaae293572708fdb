// Purpose: DYNPROMOTE_OFF in C++: on a member function (its virtual
// calls stay plain) and on a function-pointer data member; the twins
// without it are rewritten.  The dump may name functions by their
// mangled or their printable names.
// { dg-do compile }

#include <dynpromote.h>

struct Obj
{
  virtual int f (int) const;
  int (*cb) (int) DYNPROMOTE_OFF;
  int (*cb_on) (int);
};

struct User
{
  DYNPROMOTE_OFF int off_method (const Obj &o) const;
  int on_method (const Obj &o) const;
};

__attribute__ ((noipa)) int
User::off_method (const Obj &o) const
{
  return o.f (1) + 1;
}

__attribute__ ((noipa)) int
User::on_method (const Obj &o) const
{
  return o.f (1) + 1;
}

__attribute__ ((noipa)) int
through_fields (const Obj &o)
{
  return o.cb (2) + o.cb_on (3);
}

// { dg-final { scan-rtl-dump {skipped call in [^\n]*off_method[^\n]* at [^\n]*dynpromote_off} } }
// { dg-final { scan-rtl-dump {rewritten call site \d+ in [^\n]*on_method[^\n]* at } } }
// { dg-final { scan-rtl-dump-times {skipped call in [^\n]*through_fields[^\n]* at [^\n]*dynpromote_off} 1 } }
// { dg-final { scan-rtl-dump-times {rewritten call site \d+ in [^\n]*through_fields[^\n]* at } 1 } }
