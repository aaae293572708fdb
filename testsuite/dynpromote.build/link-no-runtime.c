/* Purpose: a program compiled with the plugin and linked without the
   runtime (the mistake of a Makefile whose link rule drops LDFLAGS or
   LDLIBS) fails to link, and the first line the linker prints names the
   fix: it is an undefined reference to the runtime's link-check symbol,
   whose name is that sentence.  Twin: link-runtime.c, the same program
   with the runtime, links with no such reference.  */
/* { dg-do link } */
/* { dg-runtime none } */
/* { dg-link-fails {: undefined reference to .dynpromote: compiled with the plugin, link with the runtime \(-specs=dynpromote\.specs or \$\(pkg-config --libs dynpromote\)\).$} } */

typedef int (*fn) (int);
__attribute__ ((noipa)) static int add1 (int x) { return x + 1; }
fn volatile target = add1;

int
main (int argc, char **argv)
{
  (void) argv;
  return target (argc) - 2;
}

/* { dg-final { scan-link-output {in function .__dynpromote_ctor_v3.:\n[^\n]*undefined reference to .__dynpromote_register.} } } */
