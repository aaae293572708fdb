/* syscall.S - the two system-call routines C cannot express: clone
   with a new stack for fds.c's helper task (it is part of fds.c: the
   new task runs fds.c's dp_helper_main), and the return from quiesce.c's
   probe handler.

   Owns: dp_clone_helper and __restore_rt.

   May not: touch thread-local state, or call anything but
   dp_helper_main.  */

#ifdef __CET__
# include <cet.h>
#else
# define _CET_ENDBR
#endif

	.text
/* dp_clone_helper (flags, stack_top, parent_tid, child_tid, job): the
   clone system call itself, for fds.c's helper task, which runs
   dp_helper_main (job) on STACK_TOP and exits.  Not glibc's clone: a
   sanitizer intercepts that, and ThreadSanitizer's takes every clone for
   a fork.  Returns the new task's id, or -errno.  The helper shares our
   TLS (no CLONE_SETTLS), so it must not touch errno or anything else
   thread-local: dp_helper_main's callees make raw system calls only.  */
	.p2align 4
	.globl	dp_clone_helper
	.hidden	dp_clone_helper
	.type	dp_clone_helper, @function
dp_clone_helper:
	.cfi_startproc
	_CET_ENDBR
	movq	%r8, %r9		/* job: the child keeps %r9 */
	movq	%rcx, %r10		/* child_tid */
	andq	$-16, %rsi
	xorl	%r8d, %r8d		/* tls: unused */
	movl	$56, %eax		/* SYS_clone */
	syscall
	testq	%rax, %rax
	jz	.Lclone_child
	ret
	.cfi_endproc

	/* The new task, on its own stack: nothing to return to.  */
.Lclone_child:
	.cfi_startproc
	.cfi_undefined %rip
	xorl	%ebp, %ebp
	movq	%r9, %rdi
	call	dp_helper_main
	movl	%eax, %edi
	movl	$60, %eax		/* SYS_exit: this task only */
	syscall
	hlt
	.cfi_endproc
	.size	dp_clone_helper, .-dp_clone_helper

/* The return from the probe signal's handler, which quiesce.c installs
   with the raw rt_sigaction system call (SA_RESTORER): rt_sigreturn.
   Its bytes (48 c7 c0 0f 00 00 00 0f 05) and its name are those of the C
   library's own, which is how gdb and libgcc's unwinder recognise a
   signal frame; so it has no FDE, and the nop before it keeps the
   unwinder's lookup at return address - 1 out of the function above.  */
	.p2align 4
	nop
	.globl	__restore_rt
	.hidden	__restore_rt
	.type	__restore_rt, @function
__restore_rt:
	movq	$15, %rax		/* SYS_rt_sigreturn */
	syscall
	hlt
	.size	__restore_rt, .-__restore_rt

	.section .note.GNU-stack,"",@progbits
