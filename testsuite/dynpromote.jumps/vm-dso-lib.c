/* Helper of vm-dso.c: the VM of vm.h in a shared object built with the
   plugin (-fPIC -shared, retpolines), its dispatch jumps rewritten
   there.  */

#include "vm.h"

int
lib_until_promoted (int which)
{
  return vm_until_promoted (which);
}

vm_word
lib_check (int which, long seed, long n)
{
  return vm_check (which, seed, n);
}
