/* dp-test.h - helpers shared by the dynpromote tests (C and C++).

   CHECK (cond)        abort with the failing expression on stderr.
   HIDE (x)            the value of x (a function decays to its address),
                       opaque to the optimiser, so a call through a hidden
                       function pointer stays indirect at every -O level.
   NOIPA               keep a function out of inlining and IPA.
   dp_read_file (p)    whole file, malloc'd, NUL-terminated (NULL if none).
   dp_write_file (p, text, len)
                       replace file p by the len bytes of text.
   dp_rerun_with_profile (file, argv)
                       run this program again, from its start, with file
                       as DYNPROMOTE_PROFILE (warm-start tests).
   dp_stats_now ()     the runtime's statistics dump as it is now (through
                       dynpromote_dump_stats into $DP_TEST_DIR), malloc'd.
   dp_stats_site (s, func, nth)
                       the nth (0-based) "site" line of dump s whose func=
                       is func, up to its newline (static buffer), or NULL.
   dp_stats_num (line, key)
                       the numeric value of key= in line (-1 if absent).
   dp_stats_count (s, needle)
                       how many times needle occurs in s.
   dp_rel32_destination (rel)
                       where the rel32 at rel (ending its instruction)
                       leads.
   dp_guard_miss_destination (call, sibcall), dp_guard_hit_destination
                       where a guard miss (hit) of the guarded site whose
                       call is at address call goes.
   dp_pick_share (i, w, n)
                       which of n targets with shares w[] (percent,
                       adding up to 100) call i makes: every 100 calls
                       make exactly those shares, spread over the round.  */

#ifndef DP_TEST_H
#define DP_TEST_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <dynpromote.h>

#define NOIPA __attribute__ ((noipa))

#ifdef __cplusplus
# include <type_traits>
# define DP_DECAYED_TYPE(x) std::decay<decltype (x)>::type
#else
# define DP_DECAYED_TYPE(x) __typeof__ (1 ? (x) : (x))
#endif

#define HIDE(x)                                                          \
  __extension__ ({                                                       \
    DP_DECAYED_TYPE (x) dp_hidden_ = (x);                                \
    __asm__ volatile ("" : "+m" (dp_hidden_));                           \
    dp_hidden_;                                                          \
  })

#define CHECK(cond)                                                      \
  do                                                                     \
    {                                                                    \
      if (!(cond))                                                       \
        {                                                                \
          fprintf (stderr, "%s:%d: CHECK failed: %s\n", __FILE__,        \
                   __LINE__, #cond);                                     \
          abort ();                                                      \
        }                                                                \
    }                                                                    \
  while (0)

static inline char *
dp_read_file (const char *path)
{
  FILE *f = fopen (path, "r");
  char *buf;
  size_t cap = 4096, len = 0, n;
  if (!f)
    return NULL;
  buf = (char *) malloc (cap + 1);
  CHECK (buf != NULL);
  while ((n = fread (buf + len, 1, cap - len, f)) > 0)
    {
      len += n;
      if (len == cap)
        {
          cap *= 2;
          buf = (char *) realloc (buf, cap + 1);
          CHECK (buf != NULL);
        }
    }
  fclose (f);
  buf[len] = 0;
  return buf;
}

static inline void
dp_write_file (const char *path, const char *text, size_t len)
{
  FILE *f = fopen (path, "w");
  CHECK (f != NULL);
  CHECK (fwrite (text, 1, len, f) == len);
  CHECK (fclose (f) == 0);
}

/* By argv[0], not /proc/self/exe: under valgrind that is the tool.  */
static inline void
dp_rerun_with_profile (const char *file, char **argv)
{
  CHECK (setenv ("DYNPROMOTE_PROFILE", file, 1) == 0);
  execv (argv[0], argv);
  CHECK (!"execv failed");
}

static inline const char *
dp_test_dir (void)
{
  const char *d = getenv ("DP_TEST_DIR");
  return d && *d ? d : ".";
}

static inline char *
dp_stats_now (void)
{
  static int seq;
  char path[4096];
  char *s;
  snprintf (path, sizeof path, "%s/snapshot-%ld-%d.txt", dp_test_dir (),
            (long) getpid (), seq++);
  CHECK (dynpromote_dump_stats (path) == 0);
  s = dp_read_file (path);
  CHECK (s != NULL);
  return s;
}

static inline const char *
dp_stats_site (const char *s, const char *func, int nth)
{
  static char line[4096];
  char want[512];
  const char *p = s;
  snprintf (want, sizeof want, " func=%s ", func);
  while (p && *p)
    {
      const char *end = strchr (p, '\n');
      size_t len = end ? (size_t) (end - p) : strlen (p);
      if (len < sizeof line && strncmp (p, "site ", 5) == 0)
        {
          memcpy (line, p, len);
          line[len] = 0;
          if (strstr (line, want) && nth-- == 0)
            return line;
        }
      p = end ? end + 1 : NULL;
    }
  return NULL;
}

static inline long
dp_stats_num (const char *line, const char *key)
{
  char want[128];
  const char *p;
  snprintf (want, sizeof want, " %s=", key);
  p = line ? strstr (line, want) : NULL;
  if (!p)
    return -1;
  return strtol (p + strlen (want), NULL, 0);
}

static inline int
dp_stats_count (const char *s, const char *needle)
{
  int n = 0;
  const char *p = s;
  while ((p = strstr (p, needle)) != NULL)
    {
      n++;
      p += strlen (needle);
    }
  return n;
}

static inline uintptr_t
dp_rel32_destination (const unsigned char *rel)
{
  int32_t d;
  memcpy (&d, rel, sizeof d);
  return (uintptr_t) (rel + 4) + (intptr_t) d;
}

/* Where a guard miss of the guarded site whose call (or sibcall's jmp)
   is at CALL goes.  A call goes to the rest of its guard in the stub
   (dynpromote/abi.h), whose jne (75 16) is the miss; a sibcall's miss
   is its jne (0f 85 rel32) after the compare (4c 3b 1d), after any
   bundle padding.  */
static inline uintptr_t
dp_guard_miss_destination (uintptr_t call, int sibcall)
{
  const unsigned char *p;
  if (!sibcall)
    {
      CHECK (((const unsigned char *) call)[0] == 0xe8);
      p = (const unsigned char *)
        dp_rel32_destination ((const unsigned char *) call + 1);
      CHECK (p[0] == 0x75 && p[1] == 0x16);
      return (uintptr_t) p + 2 + 0x16;
    }
  p = (const unsigned char *) call - 7;
  while (!(p[0] == 0x4c && p[1] == 0x3b && p[2] == 0x1d))
    {
      CHECK ((uintptr_t) p + 40 > call);
      p--;
    }
  p += 7;
  while (!(p[0] == 0x0f && p[1] == 0x85))
    p++;
  return dp_rel32_destination (p + 2);
}

/* Where a guard hit of the guarded site whose call (or sibcall's jmp) is
   at CALL goes: the stub's hit patch point, 16 bytes after the rest of
   a call's guard (after its jne, counter and nop), or straight there
   for a sibcall.  */
static inline uintptr_t
dp_guard_hit_destination (uintptr_t call, int sibcall)
{
  const unsigned char *c = (const unsigned char *) call;
  CHECK (c[0] == (sibcall ? 0xe9 : 0xe8));
  uintptr_t to = dp_rel32_destination (c + 1);
  if (sibcall)
    return to;
  const unsigned char *g = (const unsigned char *) to;
  CHECK (g[0] == 0x75 && g[1] == 0x16 && g[2] == 0x48 && g[3] == 0x83
         && g[4] == 0x05 && g[9] == 0x01);
  return to + 16;
}

/* Where the jmp rel32 (e9) at ADDR, a stub's patch point, leads.  */
static inline uintptr_t
dp_jump_destination (uintptr_t addr)
{
  const unsigned char *p = (const unsigned char *) addr;
  CHECK (p[0] == 0xe9);
  return dp_rel32_destination (p + 1);
}

/* Does the entry patch point at ENTRY send calls to the stub's plain
   indirect jump: jmp entry+13, or a copy of that jump itself (jmp *%r11,
   notrack or not, in a build without retpolines)?  */
static inline int
dp_entry_is_plain (uintptr_t entry)
{
  const unsigned char *p = (const unsigned char *) entry;
  const unsigned char *jump = p + 13;
  if (p[0] == 0xe9)
    return dp_rel32_destination (p + 1) == entry + 13;
  size_t len = jump[0] == 0x3e ? 4 : 3;
  return (jump[len - 3] == 0x41 && jump[len - 2] == 0xff
	  && jump[len - 1] == 0xe3 && !memcmp (p, jump, len));
}

/* The address of a field "KEY=0x..." of a dump line.  */
static inline uintptr_t
dp_stats_addr (const char *line, const char *key)
{
  char needle[32];
  snprintf (needle, sizeof needle, " %s=0x", key);
  const char *p = strstr (line, needle);
  CHECK (p != NULL);
  return (uintptr_t) strtoull (p + strlen (needle) - 2, NULL, 16);
}

static inline int
dp_pick_share (long i, const int *w, int n)
{
  int slot = (int) (i * 37 % 100);
  for (int k = 0; k < n; k++)
    {
      if (slot < w[k])
        return k;
      slot -= w[k];
    }
  return n - 1;
}

#endif /* DP_TEST_H */
