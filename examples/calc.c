/* calc.c - a small bytecode calculator, the kind of code dynpromote is for.

   A source string is compiled to bytecode for a stack machine whose
   interpreter dispatches every instruction through a table of function
   pointers; results are sorted with qsort and a comparator chosen at run
   time, and printed through a pluggable output callback.  Built with the
   plugin, every one of those indirect calls goes through a learning entry;
   run with DYNPROMOTE_STATS=stderr to see each site, its targets and
   their shares.  The program prints the same output either way.  */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <dynpromote.h>

typedef struct vm vm;
typedef void (*op_fn) (vm *, long);

struct vm
{
  long stack[64];
  int sp;
};

static void op_push (vm *m, long arg) { m->stack[m->sp++] = arg; }
static void op_add (vm *m, long arg) { (void) arg; m->sp--; m->stack[m->sp - 1] += m->stack[m->sp]; }
static void op_sub (vm *m, long arg) { (void) arg; m->sp--; m->stack[m->sp - 1] -= m->stack[m->sp]; }
static void op_mul (vm *m, long arg) { (void) arg; m->sp--; m->stack[m->sp - 1] *= m->stack[m->sp]; }
static void op_mod (vm *m, long arg)
{
  (void) arg;
  m->sp--;
  long d = m->stack[m->sp];
  m->stack[m->sp - 1] = d ? m->stack[m->sp - 1] % d : 0;
}

enum opcode { PUSH, ADD, SUB, MUL, MOD };
static const op_fn dispatch[] = { op_push, op_add, op_sub, op_mul, op_mod };

struct insn
{
  enum opcode op;
  long arg;
};

/* Compile "a b + c *"-style postfix text, with x standing for the input.  */
static int
compile (const char *src, long x, struct insn *code, int max)
{
  int n = 0;
  for (const char *p = src; *p && n < max; p++)
    {
      if (*p >= '0' && *p <= '9')
	{
	  long v = strtol (p, (char **) &p, 10);
	  p--;
	  code[n++] = (struct insn) { PUSH, v };
	}
      else if (*p == 'x')
	code[n++] = (struct insn) { PUSH, x };
      else if (*p == '+')
	code[n++] = (struct insn) { ADD, 0 };
      else if (*p == '-')
	code[n++] = (struct insn) { SUB, 0 };
      else if (*p == '*')
	code[n++] = (struct insn) { MUL, 0 };
      else if (*p == '%')
	code[n++] = (struct insn) { MOD, 0 };
    }
  return n;
}

static long
run (const struct insn *code, int n)
{
  vm m = { .sp = 0 };
  for (int i = 0; i < n; i++)
    dispatch[code[i].op] (&m, code[i].arg);	/* the hot indirect call */
  return m.stack[0];
}

static int by_value (const void *a, const void *b)
{
  long x = *(const long *) a, y = *(const long *) b;
  return (x > y) - (x < y);
}

static int by_value_desc (const void *a, const void *b)
{
  return by_value (b, a);
}

/* Output goes through a callback; this one opts out of dynpromote, to
   show the attribute (the dump lists it as skipped, not as a site).  */
typedef void (*emit_fn) (const char *label, long value) DYNPROMOTE_OFF;

static void emit_plain (const char *label, long value)
{
  printf ("%-10s %ld\n", label, value);
}

int
main (int argc, char **argv)
{
  const char *program = argc > 1 ? argv[1] : "x x * 7 + x 3 * - 1000 %";
  long rounds = argc > 2 ? atol (argv[2]) : 200000;
  int (*order) (const void *, const void *)
    = (argc > 3 && !strcmp (argv[3], "desc")) ? by_value_desc : by_value;
  emit_fn emit = emit_plain;

  static long results[200000];
  long count = rounds < 200000 ? rounds : 200000;
  struct insn code[64];
  long sum = 0;
  for (long i = 0; i < rounds; i++)
    {
      int n = compile (program, i, code, 64);
      long r = run (code, n);
      sum += r;
      if (i < count)
	results[i] = r;
    }
  qsort (results, count, sizeof results[0], order);

  emit ("rounds", rounds);
  emit ("sum", sum);
  emit ("min", results[0]);
  emit ("median", results[count / 2]);
  emit ("max", results[count - 1]);
  return 0;
}
