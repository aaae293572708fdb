/* Purpose: an assembler callee records every register the convention
   gives it, so any change a rewritten call makes on the way is seen:
   %rdi %rsi %rdx %rcx %r8 %r9, %xmm0-7, %al (vector count of a variadic
   call), %r10 (static chain), the two stack arguments, the stack
   alignment at entry, and the return address (which must point back
   into the caller, right after its call: no extra frame in between).
   Callee-saved registers must also survive: the caller checks
   %rbx %rbp %r12-%r15 values it keeps live across the call.  */
/* { dg-do run } */

#include <stdint.h>
#include "dp-test.h"

struct capture
{
  uint64_t gpr[6];	/*   0: rdi rsi rdx rcx r8 r9 */
  uint64_t r10;		/*  48 */
  uint64_t rax;		/*  56 */
  double xmm[8];	/*  64 */
  uint64_t ret;		/* 128: return address */
  uint64_t stack[2];	/* 136: 7th and 8th argument */
  uint64_t sp;		/* 152: %rsp + 8 at entry */
};

struct capture cap __attribute__ ((visibility ("hidden")));

__asm__ (".text\n"
	 ".globl capture_regs\n"
	 ".type capture_regs, @function\n"
	 "capture_regs:\n"
	 "\tendbr64\n"
	 "\tmovq %rdi, cap+0(%rip)\n"
	 "\tmovq %rsi, cap+8(%rip)\n"
	 "\tmovq %rdx, cap+16(%rip)\n"
	 "\tmovq %rcx, cap+24(%rip)\n"
	 "\tmovq %r8, cap+32(%rip)\n"
	 "\tmovq %r9, cap+40(%rip)\n"
	 "\tmovq %r10, cap+48(%rip)\n"
	 "\tmovq %rax, cap+56(%rip)\n"
	 "\tmovsd %xmm0, cap+64(%rip)\n"
	 "\tmovsd %xmm1, cap+72(%rip)\n"
	 "\tmovsd %xmm2, cap+80(%rip)\n"
	 "\tmovsd %xmm3, cap+88(%rip)\n"
	 "\tmovsd %xmm4, cap+96(%rip)\n"
	 "\tmovsd %xmm5, cap+104(%rip)\n"
	 "\tmovsd %xmm6, cap+112(%rip)\n"
	 "\tmovsd %xmm7, cap+120(%rip)\n"
	 "\tmovq (%rsp), %rax\n"
	 "\tmovq %rax, cap+128(%rip)\n"
	 "\tmovq 8(%rsp), %rax\n"
	 "\tmovq %rax, cap+136(%rip)\n"
	 "\tmovq 16(%rsp), %rax\n"
	 "\tmovq %rax, cap+144(%rip)\n"
	 "\tleaq 8(%rsp), %rax\n"
	 "\tmovq %rax, cap+152(%rip)\n"
	 "\tmovl $4242, %eax\n"
	 "\tret\n"
	 ".size capture_regs, .-capture_regs\n");

typedef long (*cap_fn) (long, long, long, long, long, long, long, long, ...);
extern long capture_regs (long, long, long, long, long, long, long, long, ...);

static volatile long sink;

NOIPA long
caller (cap_fn f, long base)
{
  /* Eight doubles: %al must be 8.  Not a tail call (see ret).  */
  long r = __builtin_call_with_static_chain
    (f (base + 1, base + 2, base + 3, base + 4, base + 5, base + 6,
	base + 7, base + 8, 0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5),
     (void *) (base * 16 + 0xc0ffee));
  sink = r;
  return r;
}

NOIPA long
caller_no_vec (cap_fn f, long base)
{
  /* No vector registers used: %al must be 0.  */
  long r = f (base, 0, 0, 0, 0, 0, 0, -base);
  return r + 1;
}

/* Keeps six values live in callee-saved registers across the call.  */
NOIPA long
keep_callee_saved (cap_fn f, long seed)
{
  register long b __asm__ ("rbx") = seed ^ 0x1111;
  register long c __asm__ ("r12") = seed ^ 0x2222;
  register long d __asm__ ("r13") = seed ^ 0x3333;
  register long e __asm__ ("r14") = seed ^ 0x4444;
  register long g __asm__ ("r15") = seed ^ 0x5555;
  __asm__ volatile ("" : "+r" (b), "+r" (c), "+r" (d), "+r" (e), "+r" (g));
  long r = f (1, 2, 3, 4, 5, 6, 7, 8);
  __asm__ volatile ("" : "+r" (b), "+r" (c), "+r" (d), "+r" (e), "+r" (g));
  CHECK (b == (seed ^ 0x1111) && c == (seed ^ 0x2222) && d == (seed ^ 0x3333)
	 && e == (seed ^ 0x4444) && g == (seed ^ 0x5555));
  return r;
}

int
main (void)
{
  for (long rep = 0; rep < 300; rep++)
    {
      cap_fn f = HIDE (capture_regs);
      long base = rep * 100;

      memset (&cap, 0, sizeof cap);
      CHECK (caller (f, base) == 4242);
      for (int i = 0; i < 6; i++)
	CHECK (cap.gpr[i] == (uint64_t) (base + 1 + i));
      CHECK (cap.stack[0] == (uint64_t) (base + 7));
      CHECK (cap.stack[1] == (uint64_t) (base + 8));
      for (int i = 0; i < 8; i++)
	CHECK (cap.xmm[i] == i + 0.5);
      CHECK ((cap.rax & 0xff) == 8);
      CHECK (cap.r10 == (uint64_t) (base * 16 + 0xc0ffee));
      CHECK (cap.sp % 16 == 0);
      CHECK (cap.ret > (uint64_t) (uintptr_t) caller
	     && cap.ret < (uint64_t) (uintptr_t) caller + 512);

      memset (&cap, 0, sizeof cap);
      CHECK (caller_no_vec (f, base) == 4243);
      CHECK (cap.gpr[0] == (uint64_t) base);
      CHECK (cap.stack[0] == 0 && cap.stack[1] == (uint64_t) -base);
      CHECK ((cap.rax & 0xff) == 0);
      CHECK (cap.sp % 16 == 0);
      CHECK (cap.ret > (uint64_t) (uintptr_t) caller_no_vec
	     && cap.ret < (uint64_t) (uintptr_t) caller_no_vec + 512);

      CHECK (keep_callee_saved (f, rep) == 4242);
    }
  puts ("ok");
  return 0;
}

/* { dg-output "ok" } */
/* { dg-final { scan-assembler {\tcall\t\.Ldp_(?:entry|hit|guard)_\d+$} } } */
/* { dg-final { scan-assembler-not {\tcall\t\*(?!__dynpromote_sample@GOTPCREL)} } } */
/* { dg-final { scan-stats {^site [^\n]* func=caller kind=call } } } */
/* { dg-final { scan-stats {^\s+target [^\n]*sym=capture_regs } } } */
