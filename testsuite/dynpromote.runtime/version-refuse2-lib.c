/* Helper of version-refuse2.c, built without the plugin: it registers
   itself the way an object built for runtime ABI 2 would, with one
   record the runtime must not read.  Its own code works regardless.  */

extern void __dynpromote_register (unsigned abi, void *slot,
				   const void *begin, const void *end);
extern void __dynpromote_unregister (void *slot);

static char slot[128] __attribute__ ((aligned (64)));
static const unsigned char records[32] = { 0xff, 0xff, 0xff, 0xff };

__attribute__ ((constructor)) static void
future_ctor (void)
{
  __dynpromote_register (2, slot, records, records + sizeof records);
}

__attribute__ ((destructor)) static void
future_dtor (void)
{
  __dynpromote_unregister (slot);
}

long
future_work (long x)
{
  return x * 3;
}
