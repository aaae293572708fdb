/* Purpose: a translation unit whose only indirect call is one the
   plugin does not rewrite (an indirect sibcall through memory, as in a
   virtual call "return obj->vtbl[0] (x)" at -O2) still links and runs,
   alone in its program: no reference to a records section it did not
   emit.  */
/* { dg-do run } */
/* { dg-options "-O2" } */

typedef long (*fn) (long);
struct obj { fn *vtbl; };

__attribute__ ((noipa)) long
run (struct obj *o, long x)
{
  return o->vtbl[0] (x);
}

static long twice (long x) { return 2 * x; }
static fn table[1] = { twice };

int
main (void)
{
  struct obj o = { table };
  return run (&o, 21) != 42;
}
