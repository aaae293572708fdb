/* Purpose: the runtime's own dependencies stay out of a run that writes
   no dump: libelf (and libz with it) is not mapped while the program
   runs and its site is promoted, only once a dump needs a target's
   name, and then the dump names a static target from the file's
   .symtab (inv_inc, which dladdr alone cannot name).  Fails with the
   runtime linked against libelf: it is mapped from the start (~170 KiB
   of resident memory in every process).  */
/* { dg-do run } */
/* { dg-set-env DYNPROMOTE_LEARN_PERIOD 1 } */
/* { dg-set-env DYNPROMOTE_DECIDE_SAMPLES 4 } */
/* { dg-set-env DYNPROMOTE_SAMPLE_PERIOD 1 } */
/* { dg-set-env DYNPROMOTE_MAX_TARGETS 1 } */
/* { dg-set-env DYNPROMOTE_TRUST_PREDICTOR 0 } */

#include "inv-test.h"

/* Whether /proc/self/maps maps a shared object whose file name starts
   with WHAT (this test's own file is libelf-lazy.exe).  */
static int
mapped (const char *what)
{
  FILE *f = fopen ("/proc/self/maps", "r");
  char line[4096];
  int found = 0;
  CHECK (f != NULL);
  while (fgets (line, sizeof line, f))
    {
      char *base = strrchr (line, '/');
      if (base && strncmp (base + 1, what, strlen (what)) == 0
	  && strstr (base, ".so"))
	found = 1;
    }
  fclose (f);
  return found;
}

int
main (void)
{
  CHECK (!mapped ("libelf-") && !mapped ("libelf.so"));
  inv_run_until (1, 0);
  CHECK (!mapped ("libelf-") && !mapped ("libelf.so"));
  CHECK (!mapped ("libz.so"));
  puts ("no libelf while running");

  char path[4096];
  snprintf (path, sizeof path, "%s/libelf-lazy-%ld.txt", dp_test_dir (),
	    (long) getpid ());
  CHECK (dynpromote_dump_stats (path) == 0);
  char *dump = dp_read_file (path);
  CHECK (dump != NULL);
  CHECK (strstr (dump, " sym=inv_inc ") != NULL);
  puts ("dump names inv_inc");
  free (dump);
  return 0;
}

/* { dg-output "no libelf while running\[^\n\]*\ndump names inv_inc" } */
