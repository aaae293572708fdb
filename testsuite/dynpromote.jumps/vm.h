/* vm.h - the bytecode interpreter the jump tests run: a stack machine
   of 11 opcodes whose dispatch is a computed goto (vm_run), and the
   same machine as a plain switch in a function dynpromote leaves
   alone (vm_ref), to check every result against.  One opcode calls a
   function (vm_mix), so vm_run is not a leaf at any -O level (a leaf
   keeps its frame in the red zone, where a rewritten jump may not go:
   red-zone.c).

   Two programs, each a loop of n rounds for i = n .. 1 from h = seed:
       VM_HASH   h = vm_mix ((h ^ i) * 31 + (i >> 3))
       VM_POLY   h = vm_mix ((i * i - h) ^ 7)
   vm_program (code, which, seed, n) writes one, vm_formula (which,
   seed, n) computes the same in C, and vm_check (which, seed, n) runs
   it on vm_run, aborts unless vm_ref and vm_formula agree, and returns
   the result.  A loop's opcodes follow each other in a fixed order, so
   each handler's copy of the dispatch jump (what GCC keeps at -O2 and
   -O3) has one to four targets, some of them different in the two
   programs, while the single dispatch jump of -O0, -O1 and -Os sees
   the whole mix.

   vm_until_promoted (which) runs program WHICH, checked, until every
   hot jump site of vm_run (10000 calls or more) is promoted, for 5 s
   at most; it prints how many sites there are and returns 1 if they
   all were.

   A test that defines VM_TRAP (x) before including this has vm_mix
   call it with every value it mixes (to longjmp or throw out of a
   handler).  */

#ifndef VM_H
#define VM_H

#include <time.h>
#include "dp-test.h"

enum vm_op
{
  OP_PUSH, OP_LOAD, OP_STORE, OP_ADD, OP_SUB, OP_MUL, OP_XOR, OP_SHR,
  OP_DUP, OP_MIX, OP_JNZ, OP_HALT, OP_COUNT
};

typedef unsigned long vm_word;

NOIPA vm_word
vm_mix (vm_word x)
{
#ifdef VM_TRAP
  VM_TRAP (x);
#endif
  return (x ^ (x >> 29)) + 0x9e3779b97f4a7c15UL;
}

/* The machine: CODE is opcodes with their operands inline, MEM its
   data slots, STACK its operand stack.  */
#ifndef VM_RUN_ATTRS
# define VM_RUN_ATTRS NOIPA
#endif
VM_RUN_ATTRS vm_word
vm_run (const long *code, vm_word *mem, vm_word *stack)
{
  static void *const ops[OP_COUNT] = {
    &&op_push, &&op_load, &&op_store, &&op_add, &&op_sub, &&op_mul,
    &&op_xor, &&op_shr, &&op_dup, &&op_mix, &&op_jnz, &&op_halt
  };
  const long *pc = code;
  vm_word *sp = stack;
#define VM_NEXT goto *ops[*pc++]
  VM_NEXT;
 op_push: *sp++ = (vm_word) *pc++; VM_NEXT;
 op_load: *sp++ = mem[*pc++]; VM_NEXT;
 op_store: mem[*pc++] = *--sp; VM_NEXT;
 op_add: sp--; sp[-1] += sp[0]; VM_NEXT;
 op_sub: sp--; sp[-1] -= sp[0]; VM_NEXT;
 op_mul: sp--; sp[-1] *= sp[0]; VM_NEXT;
 op_xor: sp--; sp[-1] ^= sp[0]; VM_NEXT;
 op_shr: sp[-1] >>= *pc++; VM_NEXT;
 op_dup: sp[0] = sp[-1]; sp++; VM_NEXT;
 op_mix: sp[-1] = vm_mix (sp[-1]); VM_NEXT;
 op_jnz: { long off = *pc++; if (*--sp) pc += off; } VM_NEXT;
 op_halt: return sp[-1];
#undef VM_NEXT
}

/* The same machine, a switch in a function the plugin leaves alone.  */
DYNPROMOTE_OFF NOIPA vm_word
vm_ref (const long *code, vm_word *mem, vm_word *stack)
{
  const long *pc = code;
  vm_word *sp = stack;
  for (;;)
    switch (*pc++)
      {
      case OP_PUSH: *sp++ = (vm_word) *pc++; break;
      case OP_LOAD: *sp++ = mem[*pc++]; break;
      case OP_STORE: mem[*pc++] = *--sp; break;
      case OP_ADD: sp--; sp[-1] += sp[0]; break;
      case OP_SUB: sp--; sp[-1] -= sp[0]; break;
      case OP_MUL: sp--; sp[-1] *= sp[0]; break;
      case OP_XOR: sp--; sp[-1] ^= sp[0]; break;
      case OP_SHR: sp[-1] >>= *pc++; break;
      case OP_DUP: sp[0] = sp[-1]; sp++; break;
      case OP_MIX: sp[-1] = vm_mix (sp[-1]); break;
      case OP_JNZ: { long off = *pc++; if (*--sp) pc += off; } break;
      case OP_HALT: return sp[-1];
      default: abort ();
      }
}

enum vm_program { VM_HASH, VM_POLY };

/* Program WHICH into CODE (64 words at most); returns its length.  */
static int
vm_program (long *code, int which, long seed, long n)
{
  int k = 0, loop;
#define VM_EMIT(...)							\
  do									\
    {									\
      const long vm_words_[] = { __VA_ARGS__ };				\
      for (unsigned vm_i_ = 0;						\
	   vm_i_ < sizeof vm_words_ / sizeof vm_words_[0]; vm_i_++)	\
	code[k++] = vm_words_[vm_i_];					\
    }									\
  while (0)
  VM_EMIT (OP_PUSH, seed, OP_STORE, 0, OP_PUSH, n, OP_STORE, 1);
  loop = k;
  if (which == VM_HASH)
    VM_EMIT (OP_LOAD, 0, OP_LOAD, 1, OP_XOR, OP_PUSH, 31, OP_MUL,
	     OP_LOAD, 1, OP_SHR, 3, OP_ADD, OP_MIX, OP_STORE, 0);
  else
    VM_EMIT (OP_LOAD, 1, OP_DUP, OP_MUL, OP_LOAD, 0, OP_SUB, OP_PUSH, 7,
	     OP_XOR, OP_MIX, OP_STORE, 0);
  VM_EMIT (OP_LOAD, 1, OP_PUSH, 1, OP_SUB, OP_DUP, OP_STORE, 1, OP_JNZ);
  code[k] = loop - (k + 1);
  k++;
  VM_EMIT (OP_LOAD, 0, OP_HALT);
#undef VM_EMIT
  return k;
}

/* What program WHICH computes, in C.  */
static vm_word
vm_formula (int which, long seed, long n)
{
  vm_word h = (vm_word) seed;
  for (vm_word i = (vm_word) n; i != 0; i--)
    h = which == VM_HASH ? vm_mix ((h ^ i) * 31 + (i >> 3))
			 : vm_mix ((i * i - h) ^ 7);
  return h;
}

/* Run program WHICH on vm_run; abort unless vm_ref and vm_formula
   compute the same.  */
static vm_word
vm_check (int which, long seed, long n)
{
  long code[64];
  vm_word mem[4], stack[16], ref_mem[4], ref_stack[16];
  vm_program (code, which, seed, n);
  vm_word got = vm_run (code, mem, stack);
  vm_word ref = vm_ref (code, ref_mem, ref_stack);
  vm_word want = vm_formula (which, seed, n);
  if (got != ref || got != want)
    {
      fprintf (stderr, "program %d (seed %ld, n %ld): vm_run %#lx, vm_ref"
	       " %#lx, C %#lx\n", which, seed, n, got, ref, want);
      abort ();
    }
  return got;
}

static int
vm_until_promoted (int which)
{
  static long seed = 1;
  for (int round = 0; round < 500; round++)
    {
      for (int k = 0; k < 10; k++)
	vm_check (which, seed++, 2000);
      char *stats = dp_stats_now ();
      const char *line;
      int sites = 0, hot = 0, promoted = 0;
      while ((line = dp_stats_site (stats, "vm_run", sites)) != NULL)
	{
	  CHECK (strstr (line, " kind=jump ") != NULL);
	  sites++;
	  if (dp_stats_num (line, "calls") >= 10000)
	    {
	      hot++;
	      promoted += strstr (line, " state=promoted ") != NULL;
	    }
	}
      free (stats);
      if (hot > 0 && promoted == hot)
	{
	  printf ("vm ok: %d jump sites, %d hot, all promoted\n", sites, hot);
	  return 1;
	}
      struct timespec ts = { 0, 2000000 };
      nanosleep (&ts, NULL);
    }
  puts ("the hot jump sites of vm_run were not all promoted");
  return 0;
}

#endif /* VM_H */
