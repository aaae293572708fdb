/* Purpose: a site whose hot target is a function of another shared
   object, out of rel32 reach of any trampoline near the program (libc's
   strtol, from a PIE program), is promoted all the same: the program
   calls strtol directly too, so it has a PLT entry for it, and the
   trampoline compares the target with the GOT slot that entry jumps
   through and jumps to the entry (issue 13).  The dump says
   unreachable=0 via_plt=1; the chain's compare reads the program's GOT
   slot holding strtol and its je goes to the program's PLT entry for
   strtol (the one its own direct calls use), a `jmp *slot(%rip)'.  A
   second target in the program itself keeps its direct je, and every
   call checks that it reached the function it asked for.  The twins:
   cross-object-noplt.c (no PLT entry: stays unreachable) and
   cross-object-lazy.c (a PLT slot not bound yet when promoted).  */
/* { dg-do run } */
/* { dg-set-env DYNPROMOTE_LEARN_PERIOD 1 } */
/* { dg-set-env DYNPROMOTE_SAMPLE_PERIOD 10 } */
/* { dg-set-env DYNPROMOTE_RECHECK_MS 0 } */

#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdint.h>
#include <time.h>
#include "dp-test.h"

typedef long (*parse_fn) (const char *, char **, int);

/* The program's own direct call of strtol: its PLT entry.  */
NOIPA static long
mine (const char *s, char **end, int base)
{
  return strtol (s, end, base) + 1000;
}

NOIPA long
parse (parse_fn f, const char *s)
{
  return f (s, NULL, 10);
}

/* The program's PLT entry for strtol, as the linker placed it.  */
static uintptr_t
strtol_plt (void)
{
  void *p;
  __asm__ ("leaq strtol@PLT(%%rip), %0" : "=r" (p));
  return (uintptr_t) p;
}

static int
in_program (uintptr_t a)
{
  Dl_info self, at;
  return dladdr ((void *) strtol_plt, &self) && dladdr ((void *) a, &at)
	 && self.dli_fbase == at.dli_fbase;
}

static long calls;

static void
drive (int rounds)
{
  static const char *const text[] = { "7", "-42", "123456789", "0" };
  for (int r = 0; r < rounds; r++)
    for (long i = 0; i < 1000; i++, calls++)
      {
	const char *s = text[i % 4];
	if (i % 5 == 4)
	  CHECK (parse (HIDE (mine), s) == atol (s) + 1000);
	else
	  CHECK (parse (HIDE (strtol), s) == atol (s));
      }
}

int
main (void)
{
  uintptr_t target = (uintptr_t) HIDE (strtol);
  CHECK (!in_program (target));
  /* Far: out of rel32 reach of the program (else this test proves
     nothing; a non-PIE program would have strtol's PLT entry as its
     address).  */
  intptr_t d = (intptr_t) target - (intptr_t) strtol_plt ();
  CHECK (d > INT32_MAX || d < INT32_MIN);

  const char *site = NULL;
  char *stats = NULL;
  for (int round = 0; round < 500; round++)
    {
      drive (10);
      free (stats);
      stats = dp_stats_now ();
      site = dp_stats_site (stats, "parse", 0);
      if (site && strstr (site, " state=promoted "))
	break;
      struct timespec ts = { 0, 10000000 };
      nanosleep (&ts, NULL);
    }
  CHECK (site && strstr (site, " state=promoted "));
  CHECK (dp_stats_num (site, "unreachable") == 0);
  CHECK (dp_stats_num (site, "via_plt") == 1);

  /* The chain: decl, js, then 13 bytes a target.  */
  const unsigned char *t
    = (const unsigned char *) dp_stats_addr (site, "trampoline");
  int far = 0, near = 0;
  for (const unsigned char *p = t + 12; p[0] == 0x4c; p += 13)
    {
      CHECK (p[1] == 0x3b && p[2] == 0x1d && p[7] == 0x0f && p[8] == 0x84);
      uintptr_t mem = dp_rel32_destination (p + 3);
      uintptr_t to = dp_rel32_destination (p + 9);
      if (to == (uintptr_t) mine)
	{
	  CHECK (*(const uint64_t *) mem == (uintptr_t) mine);
	  near++;
	  continue;
	}
      /* The GOT slot holds strtol; the je goes to the program's PLT
	 entry, which jumps through that slot.  */
      CHECK (in_program (mem) && in_program (to));
      CHECK (*(const uint64_t *) mem == target);
      /* The entry itself, or its jump after an endbr64 (.plt.sec).  */
      CHECK (to == strtol_plt () || to == strtol_plt () + 4);
      const unsigned char *j = (const unsigned char *) to;
      if (j[0] == 0xf2)
	j++;
      CHECK (j[0] == 0xff && j[1] == 0x25);
      CHECK (dp_rel32_destination (j + 2) == mem);
      far++;
    }
  CHECK (far == 1 && near == 1);
  free (stats);

  /* Promoted: both targets still reach the right function.  */
  drive (50);
  printf ("cross-object ok %ld\n", calls > 0 ? 1L : 0L);
  return 0;
}

/* { dg-output "cross-object ok 1" } */
/* { dg-final { scan-stats {^site [^\n]* func=parse [^\n]*state=promoted [^\n]* unreachable=0 via_plt=1 } } } */
