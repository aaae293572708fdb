/* Purpose: every entry stub carries a local function symbol of its own,
   dynpromote.stub.FUNCTION.N with its type and size, starting at the
   stub's first byte (a guarded site's hit patch point, else its entry),
   so that objdump, nm, gdb and perf name it (before, a call to a stub
   disassembled as <__dynpromote_dtor_v1+0x10>, the nearest global
   symbol); its site record and learning state are named
   dynpromote.record.FUNCTION.N and dynpromote.state.FUNCTION.N.  The name
   holds the enclosing function's assembler name (C++ names mangled) and
   the site's number.  Twin: opt-disable.c emits no stub and no such
   symbol (scan-assembler-not Ldp_entry there; here, no symbol without a
   stub in the function that calls nothing indirectly).  */
/* { dg-do compile } */

typedef int (*fn) (int);

__attribute__ ((noipa)) int
first (fn f, int x)
{
  return f (x) + 1;
}

__attribute__ ((noipa)) int
second (fn f, fn g, int x)
{
  return f (x) + g (x);
}

__attribute__ ((noipa)) int
none (int x)
{
  return x + 1;
}

/* { dg-final { scan-assembler-times {^"dynpromote\.stub\.first\.\d+":\n(?:\t\.cfi_startproc\n)?\.Ldp_(?:guard|hit|entry)_\d+:} 1 } } */
/* { dg-final { scan-assembler-times {^"dynpromote\.stub\.second\.\d+":\n(?:\t\.cfi_startproc\n)?\.Ldp_(?:guard|hit|entry)_\d+:} 2 } } */
/* { dg-final { scan-assembler-times {\t\.size "dynpromote\.record\.second\.\d+", 24\n"dynpromote\.record\.second\.\d+":\n} 2 } } */
/* { dg-final { scan-assembler-times {\t\.size "dynpromote\.state\.second\.\d+", 256} 2 } } */
/* { dg-final { scan-assembler-times {\t\.type "dynpromote\.stub\.[a-z]+\.\d+", @function} 3 } } */
/* { dg-final { scan-assembler-times {\t\.size "dynpromote\.stub\.[a-z]+\.\d+", \.-"dynpromote\.stub\.[a-z]+\.\d+"} 3 } } */
/* { dg-final { scan-assembler-not {dynpromote\.stub\.none} } } */
