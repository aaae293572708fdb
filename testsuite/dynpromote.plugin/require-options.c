/* Purpose: dg-require-options lets a test run when its compiler accepts
   the options: -fcf-protection=full (every supported GCC has it) is
   accepted, so this test is compiled with it (an endbr64 opens the
   function) and its call is rewritten.
   require-options-refused.c is the twin whose options are refused.  */
/* { dg-do compile } */
/* { dg-require-options "-fcf-protection=full" } */
/* { dg-options "-fcf-protection=full" } */

int call (int (*f) (int), int x) { return f (x) + 1; }

/* { dg-final { scan-assembler {^call:\n(?:[^\n]*\n)*?\tendbr64\n} } } */
/* { dg-final { scan-assembler-times {\tcall\t\.Ldp_entry_\d+$} 1 } } */
