/* sc-test.h - helpers of the static_call tests.  */
#ifndef SC_TEST_H
#define SC_TEST_H

#include <string.h>
#include <dynpromote/static_call.h>
#include "dp-test.h"

/* The function a 5-byte direct call or jmp ending at NEXT reaches, or 0
   if the bytes before NEXT are no such instruction.  */
static inline unsigned long
sc_branch_target (const void *next)
{
  const unsigned char *p = (const unsigned char *) next - 5;
  int rel;
  if (p[0] != 0xe8 && p[0] != 0xe9)
    return 0;
  memcpy (&rel, p + 1, 4);
  return (unsigned long) next + rel;
}

/* Where the patch point (offset 8) of the static-call trampoline that
   the call ending at NEXT reaches jumps: the key's function once the
   runtime has patched it, the trampoline's own fallback (offset 16)
   before.  0 if NEXT does not follow a direct call.  */
static inline unsigned long
sc_trampoline_jump (const void *next)
{
  unsigned long t = sc_branch_target (next);
  return t ? sc_branch_target ((const unsigned char *) t + 8 + 5) : 0;
}

#endif
