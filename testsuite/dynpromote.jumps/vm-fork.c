/* Purpose: fork with promoted jump sites: the parent promotes vm_run's
   hot sites on one program, then forks four children; each runs the
   VM on the other program (its sites' targets move, in its own copy of
   the runtime's state) and on the first, checking every result, while
   the parent goes on with the first program.  Every child exits 0 and
   the parent's results stay right.  Retpoline build.  Mutation: with
   -fplugin-arg-dynpromote-no-jumps there is no site to promote
   (vm_until_promoted fails).  */
/* { dg-do run } */
/* { dg-options "-mindirect-branch=thunk -mindirect-branch-register" } */

#include <sys/wait.h>
#include "vm.h"

int
main (void)
{
  CHECK (vm_until_promoted (VM_HASH));
  fflush (stdout);
  pid_t kids[4];
  for (int c = 0; c < 4; c++)
    {
      kids[c] = fork ();
      CHECK (kids[c] >= 0);
      if (kids[c] == 0)
	{
	  for (long r = 0; r < 200; r++)
	    vm_check (r < 150 ? VM_POLY : VM_HASH, c * 1000 + r, 300);
	  _exit (0);
	}
    }
  for (long r = 0; r < 200; r++)
    vm_check (VM_HASH, r, 300);
  for (int c = 0; c < 4; c++)
    {
      int status;
      CHECK (waitpid (kids[c], &status, 0) == kids[c]);
      CHECK (WIFEXITED (status) && WEXITSTATUS (status) == 0);
    }
  puts ("fork ok");
  return 0;
}

/* { dg-output "fork ok" } */
/* { dg-final { scan-stdout-times {^vm ok: } 1 } } */
/* { dg-final { scan-stats {^site [^\n]* func=vm_run kind=jump state=promoted } } } */
