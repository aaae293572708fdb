// Purpose: in C++, exclude= takes the mangled (assembler) name of one
// overload and leaves the other overloads rewritten; the source name
// excludes nothing else by accident.
// { dg-do compile }
// { dg-options "-fplugin-arg-dynpromote-exclude=_Z5applyPFiiEi" }

typedef int (*fn) (int);
typedef int (*fn2) (int, int);

__attribute__ ((noipa)) int
apply (fn f, int x)
{
  return f (x) + 1;
}

__attribute__ ((noipa)) int
apply (fn2 f, int x)
{
  return f (x, x) + 1;
}

// { dg-final { scan-assembler-times {\tcall\t\.Ldp_(?:entry|hit|guard)_\d+$} 1 } }
// { dg-final { scan-assembler-times {\tcall\t\*(?!__dynpromote_sample@GOTPCREL)} 1 } }
