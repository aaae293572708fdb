/* Purpose: processes that write their dumps to one file at once (a
   shared profile, issue 17) leave one whole dump, never a mix: each
   writes beside the file and renames over it.  Eight children of a
   program with 256 sites (dumps of 40 to 75 KiB, written in many
   pieces, each child calling another share of the sites) exit
   together, all with DYNPROMOTE_STATS naming the same
   file; the parent finds one header, a complete last line and the 256
   sites once, and no temporary file left; its own exit dump replaces
   theirs the same way.  Mutation: written in place (fopen "w" on the
   file itself), the children's pieces interleave and this fails.  */
/* { dg-do run } */
/* { dg-set-env DYNPROMOTE_SAMPLE_PERIOD 1 } */

#include <dirent.h>
#include <sys/wait.h>
#include "dp-test.h"

typedef long (*fn) (long);
static volatile long sink;

#define SITE(n)							\
  NOIPA long target_##n (long x) { return x + n; }		\
  NOIPA long site_##n (fn f, long x)				\
  {								\
    long r = f (x);						\
    sink = r;							\
    return r;							\
  }
#define S4(n) SITE (n##0) SITE (n##1) SITE (n##2) SITE (n##3)
#define S16(n) S4 (n##0) S4 (n##1) S4 (n##2) S4 (n##3)
#define S64(n) S16 (n##0) S16 (n##1) S16 (n##2) S16 (n##3)
#define S256(n) S64 (n##0) S64 (n##1) S64 (n##2) S64 (n##3)
S256 (1)

/* Child C calls the sites whose number modulo 8 is at most C: the
   children's dumps differ in length (a target line per called site).  */
#define CALL(n) \
  if ((n) % 8 <= child) CHECK (site_##n (HIDE (target_##n), i) == i + n);
#define C4(n) CALL (n##0) CALL (n##1) CALL (n##2) CALL (n##3)
#define C16(n) C4 (n##0) C4 (n##1) C4 (n##2) C4 (n##3)
#define C64(n) C16 (n##0) C16 (n##1) C16 (n##2) C16 (n##3)
#define C256(n) C64 (n##0) C64 (n##1) C64 (n##2) C64 (n##3)

static size_t
count (const char *text, const char *what)
{
  size_t n = 0;
  for (const char *p = text; (p = strstr (p, what)) != NULL; p++)
    n++;
  return n;
}

int
main (void)
{
  const char *path = getenv ("DYNPROMOTE_STATS");
  CHECK (path != NULL);
  int go[2];
  CHECK (pipe (go) == 0);
  for (int c = 0; c < 8; c++)
    {
      pid_t pid = fork ();
      CHECK (pid >= 0);
      if (pid == 0)
	{
	  close (go[1]);
	  int child = c;
	  for (long i = 0; i < 3; i++)
	    {
	      C256 (1)
	    }
	  char byte;
	  /* All eight exit (and write) when the parent closes the pipe.  */
	  while (read (go[0], &byte, 1) > 0)
	    ;
	  exit (0);
	}
    }
  close (go[0]);
  usleep (200000);
  close (go[1]);
  for (int c = 0; c < 8; c++)
    {
      int status;
      CHECK (wait (&status) > 0 && WIFEXITED (status)
	     && WEXITSTATUS (status) == 0);
    }

  FILE *f = fopen (path, "r");
  CHECK (f != NULL);
  static char text[1 << 22];
  size_t len = fread (text, 1, sizeof text - 1, f);
  fclose (f);
  text[len] = 0;
  CHECK (len > 32768);
  CHECK (!strncmp (text, "# dynpromote-stats v1\n", 22));
  CHECK (count (text, "# dynpromote-stats v1") == 1);
  CHECK (text[len - 1] == '\n');
  CHECK (count (text, "\nsite id=") == 256);
  CHECK (count (text, "\nobject ") == 1);

  /* No temporary file left beside it.  */
  char dir[4096];
  snprintf (dir, sizeof dir, "%s", path);
  char *slash = strrchr (dir, '/');
  const char *base = slash ? slash + 1 : path;
  if (slash)
    *slash = 0;
  else
    strcpy (dir, ".");
  DIR *d = opendir (dir);
  CHECK (d != NULL);
  for (struct dirent *e; (e = readdir (d)) != NULL;)
    CHECK (!(strncmp (e->d_name, base, strlen (base)) == 0
	     && strstr (e->d_name + strlen (base), ".tmp.")));
  closedir (d);
  puts ("concurrent ok");
  return 0;
}

/* { dg-output "concurrent ok" } */
/* { dg-final { scan-stats-times {^# dynpromote-stats v1$} 1 } } */
