/* Purpose: what basic-asm.c guards against.  A basic asm before a
   computed goto leaves a value in %r11 and a basic asm at its target
   reads it: plain GCC keeps %r11 as the asm left it (nothing in between
   names %r11), so the program sees 42.  A rewritten jump puts the
   target's address in %r11 on the way (movq TARGET, %r11), so the asm
   at the target must keep the jump from being rewritten.  Retpoline
   build (the default mode).  Twin: the same program built without the
   plugin prints 42.

   FAILS with the plugin of commit 0324ed6 (basic-asm.c): the jump is
   rewritten and the asm reads the label's address ("seen=0x55..."),
   at -O0 and -O2 alike.  */
/* { dg-do run } */
/* { dg-options "-mindirect-branch=thunk -mindirect-branch-register" } */

#include <stdio.h>

long seen;

__attribute__ ((noipa)) long
pick (int k)
{
  static void *const targets[] = { &&a, &&b };
  asm ("movq $42, %r11");
  goto *targets[k];
 a:
  asm ("movq %r11, seen(%rip)");
  return 1;
 b:
  return 2;
}

int
main (void)
{
  pick (0);
  printf ("seen=%#lx\n", seen);
  return seen != 42;
}

/* { dg-final { scan-stdout {^seen=0x2a$} } } */
