/* dynpromote.h - public interface of dynpromote.

   Code built with the dynpromote GCC plugin has every indirect call
   rewritten to go through a learning entry (see README.md).  This header
   is all an application needs to opt calls out; it builds unchanged with
   plain gcc and clang, where the macros expand to nothing.

     DYNPROMOTE_OFF void parse (void);          all calls inside parse()
     typedef int (*cmp_fn) (int, int) DYNPROMOTE_OFF;
                                                 every call through cmp_fn
     struct ops { void (*cb) (void) DYNPROMOTE_OFF; };
                                                 every call through ops.cb
     void (*hook) (void) DYNPROMOTE_OFF;         every call through hook

   Shared learning (dynamic calls): every call through a pointer marked
   DYNPROMOTE_SHARED (FAMILY), in every translation unit of one linked
   object, shares one learning state and one set of promoted targets.

     typedef int (*op_fn) (int) DYNPROMOTE_SHARED (ops);
     struct dev { void (*irq) (int) DYNPROMOTE_SHARED (irq); };

   or explicitly, at the call:

     DECLARE_DYNAMIC_CALL (ops, int (*) (int));
     dynamic_call (ops, fp) (42);                calls fp (42) as family ops

   DYNPROMOTE_OFF wins over DYNPROMOTE_SHARED.  */

#ifndef DYNPROMOTE_H
#define DYNPROMOTE_H

/* Version of the runtime interface this header describes.  */
#define DYNPROMOTE_VERSION_MAJOR 0
#define DYNPROMOTE_VERSION_MINOR 1

#ifdef __DYNPROMOTE__
/* The plugin is loaded: it predefines __DYNPROMOTE__ to its ABI version
   and understands the attribute.  */
# define DYNPROMOTE_OFF __attribute__ ((dynpromote_off))
# define DYNPROMOTE_SHARED(family) __attribute__ ((dynpromote_shared (#family)))
#else
# define DYNPROMOTE_OFF
# define DYNPROMOTE_SHARED(family)
#endif

/* DECLARE_DYNAMIC_CALL (NAME, FNPTR_TYPE) declares the function pointer
   type dynamic_call_NAME_t of family NAME (at file or block scope, once
   per translation unit); dynamic_call (NAME, FP) is FP, of that type,
   ready to be called: dynamic_call (NAME, FP) (ARGS...).  The pointer
   goes through a variable of the family's type because a plain cast
   would be folded away before the plugin sees it.  GNU C (statement
   expressions, __typeof__).  */
#define DECLARE_DYNAMIC_CALL(name, fnptr_type) \
  typedef __typeof__ (fnptr_type) dynamic_call_##name##_t \
    DYNPROMOTE_SHARED (name)
#define dynamic_call(name, fp) \
  (__extension__ ({ \
    dynamic_call_##name##_t dp_dynamic_call_fp_ = (fp); \
    dp_dynamic_call_fp_; \
  }))

#ifdef __cplusplus
extern "C" {
#endif

/* Nonzero when the runtime is active in this process (it is not when
   DYNPROMOTE=off is set in the environment).  */
int dynpromote_enabled (void);

/* Wait for a grace period: until every thread of the process has been
   seen outside all trampolines retired so far, which are then reused.
   Returns 0, or -1 if some thread could not be seen in time (the retired
   memory is kept for a later attempt).  */
int dynpromote_synchronize (void);

/* Process-wide counters of the promotion engine, since start (a forked
   child starts from its parent's).  */
struct dynpromote_counters
{
  unsigned long long promotions;   /* trampolines installed */
  unsigned long long relearns;     /* promoted sites sent back to learning */
  unsigned long long megamorphic;  /* megamorphic verdicts (plain jump) */
  unsigned long long patches;      /* patch-point stores */
  unsigned long long grace_periods;
  unsigned long long reclaimed;    /* trampolines reused after a grace period */
};

/* Fill *COUNTERS.  Async-signal-safe (plain loads: safe in a signal
   handler and in the child of a multithreaded fork, where the dump is
   not).  Returns 0, or -1 with errno EINVAL if COUNTERS is NULL.  */
int dynpromote_get_counters (struct dynpromote_counters *counters);

/* Write the statistics dump now, to PATH ("stderr" for standard error),
   in the format of DYNPROMOTE_STATS.  Returns 0, or -1 with errno set.  */
int dynpromote_dump_stats (const char *path);

#ifdef __cplusplus
}
#endif

#endif /* DYNPROMOTE_H */
