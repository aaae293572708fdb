/* Purpose: calls through arrays of pointers, through a function that
   returns a function pointer, through casts, through a pointer to a
   variadic function and through pointers to pointers are all rewritten;
   direct calls are left alone.  */
/* { dg-do compile } */

typedef int (*fn) (int);
typedef fn (*getter) (int);
extern int printf (const char *, ...);
extern int direct (int);

fn table[4];

__attribute__ ((noipa)) int
through_array (int i)
{
  return table[i & 3] (i) + 1;                      /* site 1 */
}

__attribute__ ((noipa)) int
through_getter (getter g)
{
  return g (1) (2) + 1;                             /* sites 2 and 3 */
}

__attribute__ ((noipa)) int
through_cast (void *p)
{
  return ((int (*) (int)) p) (7) + 1;               /* site 4 */
}

__attribute__ ((noipa)) int
through_variadic (int (*pf) (const char *, ...))
{
  return pf ("%d %f\n", 1, 2.0) + 1;                /* site 5 */
}

__attribute__ ((noipa)) int
through_double_pointer (fn **pp)
{
  return (**pp) (3) + 1;                            /* site 6 */
}

__attribute__ ((noipa)) int
direct_only (int x)
{
  return direct (x) + printf ("%d\n", x);           /* not sites */
}

/* { dg-final { scan-assembler-times {\tcall\t\.Ldp_(?:entry|hit|guard)_\d+$} 6 } } */
/* { dg-final { scan-assembler {\tcall\tdirect(@PLT)?$} } } */
/* { dg-final { scan-assembler {\tcall\tprintf(@PLT)?$} } } */
/* { dg-final { scan-assembler-not {\tcall\t\*(?!__dynpromote_sample@GOTPCREL)} } } */
