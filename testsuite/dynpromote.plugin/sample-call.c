/* Purpose: a stub's slow path calls the runtime's sampler through the
   GOT, not the PLT: a tracer that plants breakpoints on PLT calls and
   their return addresses (ltrace) would otherwise write into the stub
   pages, which are runtime memory once promoted.  Twin:
   sample-call-retpoline.c, where the call goes through the r11
   retpoline thunk instead of an unprotected indirect call.  */
/* { dg-do compile } */

typedef int (*fn) (int);

__attribute__ ((noipa)) int
call_it (fn f, int x)
{
  return f (x) + 1;
}

/* { dg-final { scan-assembler-times {\tcall\t\*__dynpromote_sample@GOTPCREL\(%rip\)\n} 1 } } */
/* { dg-final { scan-assembler-not {__dynpromote_sample@PLT} } } */
