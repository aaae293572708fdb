/* dynpromote/dump-fields.h - the fields of one line of a statistics dump,
   for the readers of profiles: the runtime (warm start, profile.c) and
   the plugin (compile-time promotion, dynpromote-profile.cc); the
   dynpromote-stats reader shares its hex digits.

   A dump line is a record name and KEY=VALUE fields separated by single
   spaces; a value's bytes up to space, '\' and DEL are written as \xHH
   (docs/dynpromote-stats.md).  Nothing here allocates: the plugin runs
   inside GCC, whose headers forbid the C library's allocators.  Not
   installed.  */

#ifndef DYNPROMOTE_DUMP_FIELDS_H
#define DYNPROMOTE_DUMP_FIELDS_H

#include <stddef.h>
#include <string.h>

/* The raw value of KEY among the fields of LINE: a pointer into LINE,
   its length in *LEN; NULL without that key.  */
static inline const char *
dp_dump_field_raw (const char *line, const char *key, size_t *len)
{
  size_t klen = strlen (key);
  for (const char *p = line; (p = strchr (p, ' ')) != NULL;)
    {
      p++;
      if (!strncmp (p, key, klen) && p[klen] == '=')
	{
	  const char *v = p + klen + 1;
	  *len = strcspn (v, " \n");
	  return v;
	}
    }
  return NULL;
}

static inline int
dp_dump_hex_digit (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* Decode the LEN bytes of raw value V into OUT (room for LEN + 1 bytes),
   NUL-terminated.  */
static inline void
dp_dump_decode (const char *v, size_t len, char *out)
{
  for (size_t i = 0; i < len; i++)
    {
      int hi, lo;
      if (v[i] == '\\' && i + 3 < len && v[i + 1] == 'x'
	  && (hi = dp_dump_hex_digit (v[i + 2])) >= 0
	  && (lo = dp_dump_hex_digit (v[i + 3])) >= 0)
	{
	  *out++ = (char) (hi * 16 + lo);
	  i += 3;
	}
      else
	*out++ = v[i];
    }
  *out = '\0';
}

/* The decimal value of KEY in LINE; *OK becomes 0 if it is missing or
   not a number (and is left alone otherwise).  */
static inline unsigned long long
dp_dump_field_u64 (const char *line, const char *key, int *ok)
{
  size_t len;
  const char *v = dp_dump_field_raw (line, key, &len);
  unsigned long long n = 0;
  if (!v || !len)
    {
      *ok = 0;
      return 0;
    }
  for (size_t i = 0; i < len; i++)
    {
      if (v[i] < '0' || v[i] > '9'
	  || n > (~0ULL - (unsigned) (v[i] - '0')) / 10)
	{
	  *ok = 0;
	  return 0;
	}
      n = n * 10 + (unsigned) (v[i] - '0');
    }
  return n;
}

#endif /* DYNPROMOTE_DUMP_FIELDS_H */
