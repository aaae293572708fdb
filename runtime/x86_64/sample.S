/* sample.S - __dynpromote_sample, the slow path of every entry stub.

   An entry stub calls this on a sampled call, with the call's arguments
   still live in registers:

	  0(%rsp)  return address into the stub
	  8(%rsp)  the site's record (struct dp_site_record *)
	 16(%rsp)  the call's %r10 (the stub restores it: the PLT's lazy
		   binding on the way here does not preserve it)
	 24(%rsp)  the call's target (the stub restores %r11 from here)

   It saves every register a callee may read as an argument or static
   chain (%rax for %al, %rdi %rsi %rdx %rcx %r8 %r9, %r10), realigns the
   stack and calls dp_learn_sample (record, target).  learn.c is compiled
   with -mgeneral-regs-only and calls nothing, so %xmm/%ymm/%zmm, x87 and
   MXCSR state pass through untouched without an xsave.  Flags are dead at
   a call boundary; DF is never changed.  Everything is written below the
   return address, which is free at any call.  */

#ifdef __CET__
# include <cet.h>
#else
# define _CET_ENDBR
#endif

	.text
	.p2align 4
	.globl	__dynpromote_sample
	.type	__dynpromote_sample, @function
__dynpromote_sample:
	.cfi_startproc
	_CET_ENDBR
	pushq	%rbp
	.cfi_def_cfa_offset 16
	.cfi_offset %rbp, -16
	movq	%rsp, %rbp
	.cfi_def_cfa_register %rbp
	pushq	%rax
	pushq	%rcx
	pushq	%rdx
	pushq	%rsi
	pushq	%rdi
	pushq	%r8
	pushq	%r9
	pushq	%r10
	andq	$-16, %rsp
	movq	16(%rbp), %rdi
	movq	32(%rbp), %rsi
	call	dp_learn_sample
	leaq	-64(%rbp), %rsp
	popq	%r10
	popq	%r9
	popq	%r8
	popq	%rdi
	popq	%rsi
	popq	%rdx
	popq	%rcx
	popq	%rax
	popq	%rbp
	.cfi_def_cfa %rsp, 8
	ret
	.cfi_endproc
	.size	__dynpromote_sample, .-__dynpromote_sample

	.section .note.GNU-stack,"",@progbits
