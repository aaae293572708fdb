/* Purpose: gdb names a trampoline and unwinds through it, from the
   runtime's JIT interface registration (runtime/jit.c).  One site is
   promoted; main then hands the trampoline's address (from the dump) to
   stop_here, where gdb-jit.gdb asks `info symbol' about it, which must
   be dynpromote.trampoline:FILE:LINE with this file and the site's line,
   and puts a breakpoint on it; the next call through the site misses
   the guard's target and enters the trampoline, where `bt' must show
   the trampoline (#0), the function holding the site (#1) and main
   (#2).  The breakpoint in stop_here is a software one (the program's
   text stays its file-backed mapping, which gdb writes), the one in the
   trampoline a hardware one (runtime memory is shared memory, which
   ptrace cannot write).
   gdb-nojit.c is the same with DYNPROMOTE_GDB_JIT=0, where gdb shows
   `??' instead.  */
/* { dg-do run } */
/* Promotion is the precondition here; without retpolines a
   monomorphic or uniform site would be left to the predictor.  */
/* { dg-set-env DYNPROMOTE_TRUST_PREDICTOR 0 } */
/* { dg-run-under gdb -q -nx -batch -x @SRCDIR@/gdb-jit.gdb --args } */
/* { dg-set-env DYNPROMOTE_LEARN_PERIOD 1 } */
/* { dg-set-env DYNPROMOTE_DECIDE_SAMPLES 16 } */
/* { dg-set-env DYNPROMOTE_SAMPLE_PERIOD 1000000 } */
/* { dg-run-timeout 300 } */

#define _GNU_SOURCE
#include <dlfcn.h>
#include "dp-test.h"

typedef long (*fn) (long);
NOIPA long f0 (long x) { return x + 1; }
NOIPA long f1 (long x) { return x + 2; }

/* The site: line 34.  */
NOIPA long site (fn f, long x) { return f (x) + 1; }

/* gdb's JIT interface, as the program sees it (the gdb manual).  Found
   with dlsym: a reference the linker sees would give the program a copy
   of the runtime's descriptor (a copy relocation), which the runtime
   does not update.  */
struct jit_code_entry
{
  struct jit_code_entry *next, *prev;
  const char *symfile_addr;
  uint64_t symfile_size;
};
struct jit_descriptor
{
  uint32_t version, action_flag;
  struct jit_code_entry *relevant_entry, *first_entry;
};

/* gdb-jit.gdb stops here, with the trampoline's address in %rdi.  */
NOIPA void
stop_here (void *trampoline)
{
  __asm__ volatile ("" : : "r" (trampoline) : "memory");
}

int
main (void)
{
  long sum = 0;
  for (long i = 0; i < 1000; i++)
    sum += site (HIDE (f0), i);
  char *s = dp_stats_now ();
  const char *line = dp_stats_site (s, "site", 0);
  CHECK (line != NULL && strstr (line, " state=promoted ") != NULL);
  long t = dp_stats_num (line, "trampoline");
  CHECK (t > 0);
  free (s);
  /* What gdb will read: one object file (ELF) per trampoline.  */
  const struct jit_descriptor *d = (const struct jit_descriptor *)
    dlsym (RTLD_DEFAULT, "__jit_debug_descriptor");
  CHECK (d != NULL && d->version == 1);
  int entries = 0;
  for (const struct jit_code_entry *e = d->first_entry; e;
       e = e->next, entries++)
    {
      CHECK (memcmp (e->symfile_addr, "\177ELF", 4) == 0);
      printf ("jit entry size=%lu\n", (unsigned long) e->symfile_size);
    }
  printf ("jit entries=%d\n", entries);
  stop_here ((void *) t);
  sum += site (HIDE (f1), 1);	/* a miss: through the trampoline */
  printf ("sum=%ld\n", sum);
  CHECK (sum == 1000 * 1001 / 2 + 1000 + 4);
  return 0;
}

/* { dg-final { scan-stdout {^sum=501504$} } } */
/* { dg-final { scan-stdout {exited normally} } } */
/* { dg-final { scan-stdout {^jit entries=1$} } } */
/* { dg-final { scan-stdout {^dynpromote\.trampoline:[^ ]*[/]gdb-jit\.c:34 in section \.text} } } */
/* { dg-final { scan-stdout {^#0  0x[0-9a-f]+ in dynpromote\.trampoline:[^ ]*[/]gdb-jit\.c:34 \(\)$} } } */
/* { dg-final { scan-stdout {^#1  0x[0-9a-f]+ in site \(} } } */
/* { dg-final { scan-stdout {^#2  0x[0-9a-f]+ in main \(} } } */
