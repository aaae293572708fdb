/* Purpose: -fdump-rtl-dynpromote names every rewritten site with its
   function and source line, and says nothing of direct calls.  */
/* { dg-do compile } */

typedef int (*binop) (int, int);
extern int direct (int);

__attribute__ ((noipa)) int
first (binop f)
{
  return f (1, 2) + 1;
}

__attribute__ ((noipa)) int
second (binop f, binop g)
{
  int a = f (3, 4);
  int b = g (5, 6);
  return a + b + direct (a);
}

/* { dg-final { scan-rtl-dump {rewritten call site \d+ in first at \S*dump-basic\.c:11} } } */
/* { dg-final { scan-rtl-dump {rewritten call site \d+ in second at \S*dump-basic\.c:17} } } */
/* { dg-final { scan-rtl-dump {rewritten call site \d+ in second at \S*dump-basic\.c:18} } } */
/* { dg-final { scan-rtl-dump-times {rewritten call site } 3 } } */
/* { dg-final { scan-rtl-dump-not {rewritten sibcall site } } } */
/* { dg-final { scan-rtl-dump-not {(rewritten|skipped)[^\n]*dump-basic\.c:19} } } */
