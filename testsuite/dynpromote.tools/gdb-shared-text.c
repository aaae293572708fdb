/* Purpose: twin of gdb-step-caller.c, showing that its checks catch
   what they are there for.  Before ABI 2 the runtime mapped a shared
   memfd copy over every text page holding a patched call; this program
   does the same to gp_site's page itself (same bytes, MAP_SHARED, r-x)
   just before the checkpoint, and the same gdb script must then fail
   to insert its breakpoint in gp_site ("Cannot insert breakpoint ...
   Cannot access memory"): ptrace cannot write a shared mapping it may
   not write.  */
/* { dg-do run } */
/* { dg-options "-fplugin-arg-dynpromote-inline-guard -g -fno-toplevel-reorder" } */
/* { dg-run-under gdb -q -batch -x @SRCDIR@/gdb-step-caller.gdb --args } */
/* { dg-set-env DYNPROMOTE_LEARN_PERIOD 1 } */
/* { dg-set-env DYNPROMOTE_DECIDE_SAMPLES 64 } */
/* { dg-run-timeout 120 } */
/* gdb's script stops at the failed insertion: gdb exits 1.  */
/* { dg-exit-status 1 } */

#define _GNU_SOURCE
#include <sys/mman.h>
#include <unistd.h>

static void share_site_page (void);
#define GP_BEFORE_CHECKPOINT share_site_page
#include "gdb-prog.h"

/* Copy gp_site's page into a memfd and map it over the page, shared and
   r-x, as the runtime before ABI 2 did.  */
static void
share_site_page (void)
{
  uintptr_t page = (uintptr_t) &gp_site & ~(uintptr_t) 4095;
  int fd = memfd_create ("shared-text", MFD_CLOEXEC);
  CHECK (fd >= 0);
  CHECK (ftruncate (fd, 4096) == 0);
  CHECK (write (fd, (const void *) page, 4096) == 4096);
  void *p = mmap ((void *) page, 4096, PROT_READ | PROT_EXEC,
		  MAP_SHARED | MAP_FIXED, fd, 0);
  CHECK (p == (void *) page);
  close (fd);
}

/* { dg-final { scan-stdout {^promoted route=direct$} } } */
/* { dg-final { scan-stderr {Cannot insert breakpoint 2\.\nCannot access memory at address 0x[0-9a-f]+} "gdb cannot plant a breakpoint in shared text" } } */
/* { dg-final { scan-stdout-not {^Temporary breakpoint 3, gp_hot } } } */
