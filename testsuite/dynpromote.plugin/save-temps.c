/* Purpose: compiling already-preprocessed input works, as with
   -save-temps (and with ccache or distcc, which compile the output of
   gcc -E): the plugin must not inject its predefined macro into
   -fpreprocessed input, and calls are still rewritten.  */
/* { dg-do compile } */
/* { dg-options "-save-temps" } */

#include <dynpromote.h>

typedef int (*fn) (int);

__attribute__ ((noipa)) int
call_it (fn f, int x)
{
  return f (x) + 1;
}

/* { dg-final { scan-assembler-times {\tcall\t\.Ldp_(?:entry|hit|guard)_\d+$} 1 } } */
