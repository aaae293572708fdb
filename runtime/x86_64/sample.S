/* sample.S - __dynpromote_sample, the slow path of every entry stub.

   An entry stub calls its object's sampling routine
   (__dynpromote_slow_v3*, plugin/dynpromote-emit.cc; objects of older
   ABIs have their own, or do the same inline), which calls this on a
   sampled call, with the call's arguments still live in registers:

	  0(%rsp)  return address into the routine (or stub)
	  8(%rsp)  the site's record (struct dp_site_record *)
	 16(%rsp)  the call's %r10 (restored by the caller too)
	 24(%rsp)  the call's target (the caller restores %r11 from here)

   It saves every register a callee may read as an argument or static
   chain (%rax for %al, %rdi %rsi %rdx %rcx %r8 %r9, %r10), realigns the
   stack and calls dp_learn_sample (record, target).  learn.c is compiled
   with -mgeneral-regs-only and calls nothing, so %xmm/%ymm/%zmm, x87 and
   MXCSR state pass through untouched without an xsave.  Flags are dead at
   a call boundary; DF is never changed.  Everything is written below the
   return address, which is free at any call.

   When dp_learn_sample returns nonzero, promoter work is due and this
   thread does it (runtime/service.c): dp_service_enter blocks every
   signal, takes dp_service_busy (or gives up at once if another thread
   has it), saves the complete register state with xsave (the promoter
   is ordinary C and calls libc, which may use any vector register),
   switches to the runtime's own stack and calls dp_promoter_run
   (promoter.c) with the stack pointer the program had here.  Then it
   restores everything and comes back to finish the call.

   Owns: the way from an object's sampling routine into learn.c and into
   a promoter pass.  May not: touch a vector register before the xsave.  */

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
	testl	%eax, %eax
	jz	1f
	movq	%rsp, %rdi
	call	dp_service_enter
1:	leaq	-64(%rbp), %rsp
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

/* dp_service_enter (program_sp): called with a 16-byte aligned stack;
   preserves every register but the flags, %rcx and %r11 (the caller,
   above, has saved everything the interrupted call needs).  */
	.p2align 4
	.type	dp_service_enter, @function
dp_service_enter:
	.cfi_startproc
	pushq	%rbp
	.cfi_def_cfa_offset 16
	.cfi_offset %rbp, -16
	movq	%rsp, %rbp
	.cfi_def_cfa_register %rbp
	pushq	%rbx
	pushq	%r12
	pushq	%r13
	pushq	%r14
	.cfi_offset %rbx, -24
	.cfi_offset %r12, -32
	.cfi_offset %r13, -40
	.cfi_offset %r14, -48
	movq	%rdi, %r12		/* the program's stack pointer */
	subq	$16, %rsp		/* the old signal mask: 0(%rsp) */
	/* rt_sigprocmask (SIG_SETMASK, &all, &old, 8)  */
	movl	$14, %eax
	movl	$2, %edi
	leaq	dp_service_all_signals(%rip), %rsi
	movq	%rsp, %rdx
	movl	$8, %r10d
	syscall
	testq	%rax, %rax
	jnz	.Lno_mask
	movq	%rsp, %r13		/* where the old mask is */
	xorl	%eax, %eax
	movl	$1, %ecx
	lock cmpxchgl %ecx, dp_service_busy(%rip)
	jnz	.Lunmask		/* another thread serves */
	movq	dp_service_stack_top(%rip), %rax
	testq	%rax, %rax
	jz	.Lrelease		/* before the constructor */
	movq	%rsp, %rbx		/* this stack, to come back to */
	movq	%rax, %rsp
	subq	dp_service_xsave_size(%rip), %rsp
	andq	$-64, %rsp		/* the save area: [%rsp, top) */
	cmpl	$1, dp_service_xsave_mode(%rip)
	jne	.Lfxsave
	/* xrstor wants the header's reserved bytes clear.  */
	movq	$0, 512(%rsp)
	movq	$0, 520(%rsp)
	movq	$0, 528(%rsp)
	movq	$0, 536(%rsp)
	movq	$0, 544(%rsp)
	movq	$0, 552(%rsp)
	movq	$0, 560(%rsp)
	movq	$0, 568(%rsp)
	movl	$-1, %eax
	movl	$-1, %edx
	xsave	(%rsp)
	movq	%r12, %rdi
	call	dp_promoter_run
	movl	$-1, %eax
	movl	$-1, %edx
	xrstor	(%rsp)
	jmp	.Lback
.Lfxsave:
	fxsave	(%rsp)
	movq	%r12, %rdi
	call	dp_promoter_run
	fxrstor	(%rsp)
.Lback:
	movq	%rbx, %rsp
.Lrelease:
	movl	$0, dp_service_busy(%rip)
.Lunmask:
	/* rt_sigprocmask (SIG_SETMASK, &old, NULL, 8)  */
	movl	$14, %eax
	movl	$2, %edi
	movq	%r13, %rsi
	xorl	%edx, %edx
	movl	$8, %r10d
	syscall
.Lno_mask:
	leaq	-32(%rbp), %rsp
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbx
	popq	%rbp
	.cfi_def_cfa %rsp, 8
	ret
	.cfi_endproc
	.size	dp_service_enter, .-dp_service_enter

	.section .note.GNU-stack,"",@progbits
