/* codegen.c - the x86-64 machine code the runtime writes.

   A trampoline for a site with hot targets t0..tk-1, at executable
   address T (all branches direct; no indirect branch is ever emitted
   here, so retpoline and IBT guarantees hold by construction):

     T+0    ff 0d rel32        decl  countdown(%rip)   sample hits+misses
     T+6    0f 88 rel32        js    entry+8   the stub's call of the
                                                sampling routine
     T+12   4c 3b 1d rel32     cmpq  slot_0(%rip), %r11
            0f 84 rel32        je    t0
            ...                (13 bytes per target)
            e9 rel32           jmp   entry+13  the stub's protected
                                                indirect jump: a miss
            (pad to 8)
     slots  .quad t0 ... tk-1  compared as 64-bit values: a match means
                                the program asked for exactly that target

   A target in another object, out of rel32 reach (plt.c), is compared
   with the object's own GOT slot G for it and reached through the
   object's own PLT jump P, `jmp *G(%rip)': its chain entry is

            4c 3b 1d rel32     cmpq  G(%rip), %r11
            0f 84 rel32        je    P

   A match means %r11 is what G holds, so P's jump goes to %r11 (its
   slot still holds the target, unused).  docs/patching.md argues it.

   The entry patch point (8 bytes at the stub's entry, 8-byte aligned)
   takes one of three values, each written with a single aligned store:

     learning     0f 1f 44 00 00 0f 1f 00      nopl 0(%rax,%rax); nopl (%rax)
     promoted     e9 <T-(entry+5)> 0f 1f 00    jmp T; nopl (%rax)
     plain        e9 08 00 00 00 0f 1f 00      jmp entry+13 (no sampling)
     or, where the stub's own jump at entry+13 is a plain indirect jump
     (no retpoline), that jump itself, padded to 5 bytes:
                  41 ff e3 66 90 0f 1f 00      jmp *%r11; xchg %ax,%ax; nopl
                  3e 41 ff e3 90 0f 1f 00      notrack jmp *%r11; nop; nopl
                  (an int3 after the jump, -mharden-sls, is kept in place
                  of the first nop byte; a thread never stops inside the
                  padding after an indirect jump, which is always taken)

   Bytes 5..7 are the same in all three, so a thread stopped between the
   two instructions resumes on an instruction boundary whatever it finds.

   Owns: every byte of machine code the runtime writes: trampolines
   and the values of patch points.

   May not: write memory it was not given (BUF), or call any other
   file of the runtime.  */

#include <string.h>

#include "../dp-runtime.h"

static int
dp_rel32 (uintptr_t from_next, uintptr_t to, int32_t *out)
{
  int64_t d = (int64_t) to - (int64_t) from_next;
  if (d < INT32_MIN || d > INT32_MAX)
    return -1;
  *out = (int32_t) d;
  return 0;
}

/* Can a rel32 branch ending at FROM_NEXT reach TO?  */
int
dp_codegen_reachable (uintptr_t from_next, uintptr_t to)
{
  int32_t unused;
  return dp_rel32 (from_next, to, &unused) == 0;
}

static uint8_t *
dp_put_rel (uint8_t *p, uintptr_t exec_next, uintptr_t to, int *ok)
{
  int32_t rel = 0;
  if (dp_rel32 (exec_next, to, &rel) != 0)
    *ok = 0;
  memcpy (p, &rel, 4);
  return p + 4;
}

/* Size of a trampoline with N targets.  */
size_t
dp_codegen_trampoline_size (int n)
{
  size_t code = 12 + 13 * (size_t) n + 5;
  code = (code + 7) & ~(size_t) 7;
  return code + 8 * (size_t) n;
}

/* Write the trampoline for REC, with targets TARGETS[0..N), compared
   with CMP_MEM[i] and reached at DEST[i] (dp-runtime.h), into BUF (the
   writable view of executable address T).  Returns 0, or -1 if a
   branch or operand is out of rel32 reach (check targets first with
   dp_codegen_reachable).  */
int
dp_codegen_trampoline (const struct dp_site_record *rec, uintptr_t t,
		       const uint64_t *targets, const uintptr_t *cmp_mem,
		       const uintptr_t *dest, int n, uint8_t *buf)
{
  uintptr_t entry = (uintptr_t) DP_REL (rec, entry_rel);
  uintptr_t countdown = (uintptr_t) DP_REL (rec, state_rel)
			+ DP_STATE_COUNTDOWN_OFFSET;
  uintptr_t slow = entry + DP_ENTRY_SLOW_OFFSET;
  uintptr_t jump = entry + DP_ENTRY_JUMP_OFFSET;
  size_t code = ((12 + 13 * (size_t) n + 5) + 7) & ~(size_t) 7;
  uintptr_t slots = t + code;
  uint8_t *p = buf;
  int ok = 1;

#define EXEC(ptr) (t + (uintptr_t) ((ptr) - buf))
  *p++ = 0xff;			/* decl countdown(%rip) */
  *p++ = 0x0d;
  p = dp_put_rel (p, EXEC (p + 4), countdown, &ok);
  *p++ = 0x0f;			/* js entry+8 */
  *p++ = 0x88;
  p = dp_put_rel (p, EXEC (p + 4), slow, &ok);
  for (int i = 0; i < n; i++)
    {
      *p++ = 0x4c;		/* cmpq slot_i(%rip), %r11 */
      *p++ = 0x3b;
      *p++ = 0x1d;
      uintptr_t mem = cmp_mem && cmp_mem[i] ? cmp_mem[i]
		      : slots + 8 * (uintptr_t) i;
      p = dp_put_rel (p, EXEC (p + 4), mem, &ok);
      *p++ = 0x0f;		/* je target_i */
      *p++ = 0x84;
      p = dp_put_rel (p, EXEC (p + 4),
		      dest && dest[i] ? dest[i] : (uintptr_t) targets[i], &ok);
    }
  *p++ = 0xe9;			/* jmp entry+13 */
  p = dp_put_rel (p, EXEC (p + 4), jump, &ok);
  while ((size_t) (p - buf) < code)
    *p++ = 0xcc;		/* int3 padding: never executed */
  memcpy (p, targets, 8 * (size_t) n);
#undef EXEC
  return ok ? 0 : -1;
}

/* The 8 bytes of the entry patch point.  */
uint64_t
dp_codegen_entry_learning (void)
{
  static const uint8_t bytes[8] = { 0x0f, 0x1f, 0x44, 0x00, 0x00,
				    0x0f, 0x1f, 0x00 };
  uint64_t v;
  memcpy (&v, bytes, 8);
  return v;
}

/* jmp TO from the entry at ENTRY; TO must be in rel32 reach.  */
uint64_t
dp_codegen_entry_jump (uintptr_t entry, uintptr_t to)
{
  uint8_t bytes[8] = { 0xe9, 0, 0, 0, 0, 0x0f, 0x1f, 0x00 };
  int32_t rel = 0;
  dp_rel32 (entry + 5, to, &rel);
  memcpy (bytes + 1, &rel, 4);
  uint64_t v;
  memcpy (&v, bytes, 8);
  return v;
}

/* The plain value of the entry patch point at ENTRY: the stub's own
   indirect jump, copied, when it is `jmp *%r11' (optionally notrack,
   optionally followed by the int3 of -mharden-sls), so a plain site
   takes one jump instead of two; else jmp entry+13.  */
uint64_t
dp_codegen_entry_plain (uintptr_t entry)
{
  const uint8_t *jump = (const uint8_t *) entry + DP_ENTRY_JUMP_OFFSET;
  size_t len = 0;
  if (jump[0] == 0x41 && jump[1] == 0xff && jump[2] == 0xe3)
    len = 3;
  else if (jump[0] == 0x3e && jump[1] == 0x41 && jump[2] == 0xff
	   && jump[3] == 0xe3)
    len = 4;
  if (!len)
    return dp_codegen_entry_jump (entry, entry + DP_ENTRY_JUMP_OFFSET);
  uint8_t bytes[8] = { 0x90, 0x90, 0x90, 0x90, 0x90, 0x0f, 0x1f, 0x00 };
  memcpy (bytes, jump, len);
  if (jump[len] == 0xcc)
    bytes[len] = 0xcc;
  else if (len == 3)
    {
      bytes[3] = 0x66;	/* xchg %ax,%ax: one 2-byte nop to byte 5 */
      bytes[4] = 0x90;
    }
  uint64_t v;
  memcpy (&v, bytes, 8);
  return v;
}
