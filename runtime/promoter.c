/* promoter.c - the promoter: passes, run inside the program's own
   threads (service.c), never in a thread of the runtime's.

   Sampling (learn.c) never blocks and never allocates; when a site has
   learned enough, or misses too often, it sets a request in the site's
   state, marks the request's page in dp_request_pages and rings the
   doorbell (service.c), and the same sampled call then runs a pass
   (dp_promoter_run, from x86_64/sample.S) if no other thread is running
   one.  A pass, under the promoter's lock (patch.c) and the registry's,
   both taken with trylock (a pass never waits for a lock):

   - takes the request bits and serves every request in the pages they
     mark (DECIDE and RELEARN: promote.c), and walks the rechecks when
     one is due;
   - steps the grace period (grace.c): starts one for what was retired
     or armed, polls the one in flight, settles what is over;
   - schedules the next pass without a request: the earliest recheck, or
     soon while a grace period is in flight.

   Writes go through a writable alias of the stub pages and pools that
   exists only until the promoter's lock is released (execmem.c):
   nothing is ever writable and executable at once, and the program's
   own code is never written.

   Owns: the request pages, the passes, and the promoter's entry points
   for the files above it: a pass now (a dump), a grace period waited
   for (dynpromote_synchronize), an object forgotten (unregistration).

   May not: wait in a pass (dp_promoter_pass); fork handling is fork.c's,
   start-up api.c's.  */

#define _GNU_SOURCE
#include <errno.h>
#include <time.h>

#include "dp-runtime.h"

#define DP_PASS_RETRY_NS 200000u

volatile uint64_t dp_request_pages[DP_REQUEST_BITS / 64];

/* What a pass serves: the time, the pages of records with requests
   (taken from dp_request_pages), and whether rechecks are due.  */
struct dp_pass_work
{
  uint64_t now;
  uint64_t pages[DP_REQUEST_BITS / 64];
  int rechecks_due;
};

/* Serve OBJ: the requests in its pages of records that have any, and,
   when some recheck is due, the rechecks of its listed sites.  */
static void
dp_serve_object (struct dp_object *obj, void *data)
{
  const struct dp_pass_work *work = data;
  const struct dp_site_record *rec = obj->begin;
  while (rec < obj->end)
    {
      uintptr_t page_end = ((uintptr_t) rec | 4095) + 1;
      const struct dp_site_record *stop = obj->end;
      if ((uintptr_t) stop > page_end)
	stop = rec + (page_end - (uintptr_t) rec + sizeof *rec - 1)
		     / sizeof *rec;
      unsigned bit = dp_request_page_bit (rec);
      if (!(work->pages[bit / 64] & (1ull << (bit % 64))))
	{
	  rec = stop;
	  continue;
	}
      for (; rec < stop; rec++)
	{
	  struct dp_site_state *st = dp_state_of (rec);
	  if (__atomic_load_n (&st->request, __ATOMIC_ACQUIRE)
	      == DP_REQUEST_NONE)
	    continue;
	  uint8_t request = __atomic_exchange_n (&st->request,
						 DP_REQUEST_NONE,
						 __ATOMIC_ACQ_REL);
	  if (request == DP_REQUEST_DECIDE)
	    dp_promote_decide (obj, rec);
	  else if (request == DP_REQUEST_RELEARN)
	    dp_promote_relearn (obj, rec);
	}
    }

  if (work->rechecks_due)
    dp_recheck_object (obj, work->now);
}

/* When the next pass should run without a request: the earliest recheck
   due, and soon while a grace period is in flight or work waits for
   one.  */
static void
dp_schedule_next_pass (int in_flight)
{
  uint64_t due = dp_recheck_next_due ();
  uint64_t now = dp_monotonic_ns ();
  uint64_t soon = dp_grace_next_ns (in_flight, now);
  if (soon && (!due || soon < due))
    due = soon;
  dp_service_at (due);
}

/* The work of a pass, with the promoter's and the registry's locks held:
   every request and due recheck served, a step of the grace period, and
   the time of the next pass.  SELF_SP is the calling thread's stack
   pointer where it entered the runtime.  */
static void
dp_pass_locked (uintptr_t self_sp)
{
  uint64_t now = dp_monotonic_ns ();
  if (!dp_code_frozen ())
    {
      /* Take the request bits first: a request made after this is seen
	 by the next pass (its bit is set again after its state).  */
      struct dp_pass_work work;
      work.now = now;
      for (int i = 0; i < DP_REQUEST_BITS / 64; i++)
	work.pages[i] = __atomic_exchange_n (&dp_request_pages[i], 0,
					     __ATOMIC_ACQ_REL);
      work.rechecks_due = dp_recheck_take_due (now);
      dp_registry_each (dp_serve_object, &work);
    }
  int in_flight = dp_grace_step (self_sp, 0);
  dp_schedule_next_pass (in_flight);
  dp_perfmap_flush ();
  dp_promoter_stats.passes++;
  dp_promoter_stats.pass_ns += dp_monotonic_ns () - now;
}

/* One pass of the promoter (dp_promoter_run calls it, signals blocked,
   on the runtime's stack, in the thread whose sampled call found work
   due).  It never waits: if another thread holds the runtime's locks (a
   dlopen registering, a static_call_update, a dump), the work stays for
   a later pass.  */
void
dp_promoter_pass (uintptr_t program_sp)
{
  /* Locks held elsewhere: try again a little later (not at the very next
     sampled call, which would make every thread knock meanwhile).  */
  if (!dp_code_trylock ())
    {
      dp_service_at (dp_monotonic_ns () + DP_PASS_RETRY_NS);
      return;
    }
  if (!dp_registry_trylock ())
    {
      dp_code_unlock ();
      dp_service_at (dp_monotonic_ns () + DP_PASS_RETRY_NS);
      return;
    }
  dp_pass_locked (program_sp);
  dp_registry_unlock ();
  dp_code_unlock ();
}

/* Called by x86_64/sample.S on the runtime's stack (service.c), signals
   blocked, dp_service_busy held.  PROGRAM_SP is the program's stack
   pointer in the sampling path (the grace period scans the calling
   thread's own stack from there).  */
void
dp_promoter_run (uintptr_t program_sp)
{
  int saved_errno = errno;	/* the program's, mid-call */
  if (!dp_service_begin ())
    return;
  dp_promoter_pass (program_sp);
  errno = saved_errno;
}

/* A pass for the program's own request (a dump it asked for): the
   decisions and rechecks due by now are made before it looks.  Normal
   context, so it may wait for the locks.  */
void
dp_promoter_pass_now (void)
{
  if (!dp_promotion)
    return;
  dp_code_lock ();
  dp_registry_lock ();
  dp_pass_locked ((uintptr_t) __builtin_frame_address (0));
  dp_registry_unlock ();
  dp_code_unlock ();
}

/* Decide now the N sites RECS of OBJ that a profile taught (profile.c),
   as a pass would: they are promoted before their first call.  Called
   with nothing held.  */
void
dp_promoter_decide_now (struct dp_object *obj,
			const struct dp_site_record *const *recs, size_t n)
{
  if (!dp_promotion || n == 0)
    return;
  dp_code_lock ();
  dp_registry_lock ();
  for (size_t i = 0; i < n; i++)
    dp_promote_decide (obj, recs[i]);
  dp_registry_unlock ();
  dp_code_unlock ();
}

/* An object is going away: its trampolines are retired.  Called with
   nothing held.  */
void
dp_promoter_forget (struct dp_object *obj)
{
  dp_code_lock ();
  for (const struct dp_site_record *rec = obj->begin; rec < obj->end; rec++)
    {
      struct dp_site_state *st = dp_state_of (rec);
      if (st->trampoline)
	dp_pools_retire (st->trampoline);
      st->trampoline = 0;
    }
  dp_plt_forget (obj);
  dp_recheck_forget (obj);
  /* The stub pages go with the object's mapping; only our record of
     them is ours to drop.  */
  if (obj->stubs)
    dp_execmem_release (obj->stubs, 0);
  obj->stubs = NULL;
  dp_code_unlock ();
  dp_service_request ();
}

/* Run a grace period for everything retired now (dynpromote.h); with
   nothing retired it still waits for every thread to be seen once.  The
   program asked to wait: this one does, polling every millisecond, up to
   a second.  */
int
dp_promoter_synchronize (void)
{
  uint64_t deadline = dp_monotonic_ns () + 2 * DP_GP_TIMEOUT_NS;
  int ours = 0, result = -1;
  for (;;)
    {
      dp_code_lock ();
      dp_registry_lock ();
      uintptr_t sp = (uintptr_t) __builtin_frame_address (0);
      int in_flight;
      /* A period already in flight began before this call: it is seen
	 to its end first, then one of our own runs.  */
      if (!ours && !dp_gp_active ())
	{
	  ours = 1;
	  in_flight = dp_grace_step (sp, 1);
	}
      else
	in_flight = dp_grace_step (sp, 0);
      int done = ours && !in_flight;
      if (done)
	result = dp_pools_retired_any () ? -1 : 0;
      dp_schedule_next_pass (in_flight);
      dp_registry_unlock ();
      dp_code_unlock ();
      if (done || dp_monotonic_ns () > deadline)
	break;
      struct timespec ts = { 0, 1000000 };
      nanosleep (&ts, NULL);
    }
  return result;
}
