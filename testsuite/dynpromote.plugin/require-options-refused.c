/* Purpose: dg-require-options makes a test whose compiler refuses its
   options UNSUPPORTED, naming the option, instead of compiling it: no
   GCC has -mdynpromote-no-such-option, so this test is UNSUPPORTED at
   every option set.  Were the directive ignored, the compilation would
   fail on the unknown option (test for excess errors) and the scan
   below would fail.  Twin of require-options.c.  */
/* { dg-do compile } */
/* { dg-require-options "-mdynpromote-no-such-option" } */
/* { dg-options "-mdynpromote-no-such-option" } */

int call (int (*f) (int), int x) { return f (x) + 1; }

/* { dg-final { scan-assembler {\tcall\t\.Ldp_entry_\d+$} } } */
