/* dp-crash.h - a crash report for long tests whose rare failures must
   explain themselves from a CI log alone.

   dp_report_crashes ()  from main, before any thread starts: a
                         SIGSEGV, SIGBUS, SIGILL, SIGTRAP or SIGFPE then
                         prints, on stderr, the signal, the faulting
                         address, the thread, its registers, the code
                         bytes at the PC, the /proc/self/maps lines of
                         the PC, the address and %r11 (a rewritten call's
                         target), and the top 64 words of its stack, then
                         dies of the same signal, leaving a core
                         (the soft core limit is raised to the hard
                         one) that scripts/test shows gdb's backtraces
                         of when a test failed.

   Include it first, after defining _GNU_SOURCE.  The report uses stdio
   and /proc in a signal handler: acceptable in a process that is about
   to die, never in one that goes on.  */

#ifndef DP_CRASH_H
#define DP_CRASH_H

#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <ucontext.h>
#include <unistd.h>

/* The maps line holding ADDR, if any.  */
static void
dp_crash_maps_line (const char *what, uintptr_t addr)
{
  FILE *f = fopen ("/proc/self/maps", "r");
  char line[512];
  while (f && fgets (line, sizeof line, f))
    {
      unsigned long lo, hi;
      if (sscanf (line, "%lx-%lx", &lo, &hi) == 2 && addr >= lo && addr < hi)
        {
          fprintf (stderr, "crash: %s 0x%lx in %s", what,
                   (unsigned long) addr, line);
          fclose (f);
          return;
        }
    }
  if (f)
    fclose (f);
  fprintf (stderr, "crash: %s 0x%lx is not mapped\n", what,
           (unsigned long) addr);
}

static void
dp_crash_handler (int sig, siginfo_t *info, void *ucv)
{
  const ucontext_t *uc = (const ucontext_t *) ucv;
  const greg_t *g = uc->uc_mcontext.gregs;
  uintptr_t pc = (uintptr_t) g[REG_RIP];
  fprintf (stderr,
           "crash: signal %d code %d addr %p in thread %ld\n"
           "crash: rip %llx rsp %llx rbp %llx rax %llx rdi %llx rsi %llx\n"
           "crash: r10 %llx r11 %llx rbx %llx rcx %llx rdx %llx\n",
           sig, info->si_code, info->si_addr, (long) syscall (SYS_gettid),
           (unsigned long long) g[REG_RIP], (unsigned long long) g[REG_RSP],
           (unsigned long long) g[REG_RBP], (unsigned long long) g[REG_RAX],
           (unsigned long long) g[REG_RDI], (unsigned long long) g[REG_RSI],
           (unsigned long long) g[REG_R10], (unsigned long long) g[REG_R11],
           (unsigned long long) g[REG_RBX], (unsigned long long) g[REG_RCX],
           (unsigned long long) g[REG_RDX]);
  /* The code at the PC, read softly (it may be unmapped).  */
  unsigned char code[24];
  struct iovec local = { code, sizeof code };
  struct iovec remote = { (void *) (pc - 8), sizeof code };
  if (process_vm_readv (getpid (), &local, 1, &remote, 1, 0)
      == (ssize_t) sizeof code)
    {
      fprintf (stderr, "crash: code at rip-8:");
      for (size_t i = 0; i < sizeof code; i++)
        fprintf (stderr, " %02x", code[i]);
      fputc ('\n', stderr);
    }
  dp_crash_maps_line ("rip", pc);
  dp_crash_maps_line ("addr", (uintptr_t) info->si_addr);
  dp_crash_maps_line ("r11", (uintptr_t) g[REG_R11]);
  /* Return addresses near the top of the stack, read softly.  */
  uint64_t words[64];
  local.iov_base = words;
  local.iov_len = sizeof words;
  remote.iov_base = (void *) (uintptr_t) g[REG_RSP];
  remote.iov_len = sizeof words;
  ssize_t got = process_vm_readv (getpid (), &local, 1, &remote, 1, 0);
  fprintf (stderr, "crash: stack words:");
  for (ssize_t i = 0; i < got / 8; i++)
    fprintf (stderr, " %llx", (unsigned long long) words[i]);
  fputc ('\n', stderr);
  fflush (stderr);
  /* SA_RESETHAND has put the default action back; a fault would recur
     on return, an int3's SIGTRAP would not.  */
  raise (sig);
}

static inline void
dp_report_crashes (void)
{
  static const int sigs[] = { SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE };
  struct rlimit core;
  if (getrlimit (RLIMIT_CORE, &core) == 0)
    {
      core.rlim_cur = core.rlim_max;
      setrlimit (RLIMIT_CORE, &core);
    }
  struct sigaction sa;
  memset (&sa, 0, sizeof sa);
  sa.sa_sigaction = dp_crash_handler;
  sa.sa_flags = SA_SIGINFO | SA_RESETHAND;
  for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
    sigaction (sigs[i], &sa, NULL);
}

#endif
