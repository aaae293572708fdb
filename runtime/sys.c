/* sys.c - raw system calls, under everything that maps, opens or
   signals.

   Owns: dp_sys, the system call instruction itself.  The runtime's own
   mappings, its helper task's reads and its probes go through it, not
   through libc's wrappers: a sanitizer's interceptor is not ours to go
   through, and fds.c's helper task shares the caller's TLS, so it must
   not write errno.

   May not: touch thread-local state (errno included) or call anything.  */

#include "dp-runtime.h"

/* A system call that touches no thread-local state (the helper shares
   the caller's TLS, so not even errno): -errno on failure.  */
long
dp_sys (long nr, long a, long b, long c, long d, long e, long f)
{
  long ret;
  register long r10 __asm__ ("r10") = d;
  register long r8 __asm__ ("r8") = e;
  register long r9 __asm__ ("r9") = f;
  __asm__ volatile ("syscall"
		    : "=a" (ret)
		    : "0" (nr), "D" (a), "S" (b), "d" (c), "r" (r10), "r" (r8),
		      "r" (r9)
		    : "rcx", "r11", "memory");
  return ret;
}
