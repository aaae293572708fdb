/* dynpromote/static_call.h - static calls: a call whose target changes
   rarely, made as a direct call.

     DEFINE_STATIC_CALL (name, func);       a key, initially calling func
     DEFINE_STATIC_CALL_NULL (name, type);  a key calling nothing yet;
                                            TYPE is a function type or a
                                            function of the right type
     DECLARE_STATIC_CALL (name, func);      the key is defined elsewhere
     static_call (name) (args...)           call the key's function
     static_call_update (name, func);       switch it (func or NULL)
     static_call_query (name)               the current function, or NULL

   Calling a NULL key does nothing and returns 0 (so NULL keys suit
   functions returning void, an integer or a pointer).  static_call_update
   is safe while other threads call through the key: each call reaches
   the old or the new function, and every call that starts after
   static_call_update returns reaches the new one.

   One source, three implementations, chosen automatically:

   inline       built with the dynpromote plugin and the runtime active:
                every static_call() is a direct call that the runtime
                points at the current function itself (in every loaded
                object, including ones loaded later);
   out-of-line  a call the runtime cannot patch in place (built with
                no-align-calls, or the function is out of rel32 reach)
                calls the key's trampoline, whose direct jump the runtime
                patches;
   generic      without the plugin, or with DYNPROMOTE=off: a call
                through the key's function pointer.

   static_call_update checks the new function's type against the key at
   compile time (C: a _Static_assert, C++: a static_cast).  */

#ifndef DYNPROMOTE_STATIC_CALL_H
#define DYNPROMOTE_STATIC_CALL_H

#ifdef __cplusplus
extern "C" {
#endif

struct dynpromote_static_call_key
{
  void *func;       /* what static_call_query returns; NULL for none.  */
  void *target;     /* what calls reach: func, or the return-0 stub.  */
  void *reserved[2];
};

/* Does nothing and returns 0: the target of a NULL key.  */
long __dynpromote_static_call_return0 (void);

/* Set KEY's function and point every call through it at FUNC.  */
void __dynpromote_static_call_update (struct dynpromote_static_call_key *key,
				      void *func)
#if !defined __DYNPROMOTE__ && !defined DYNPROMOTE_BUILDING_RUNTIME
  /* A plain build may not link the runtime: then the key is set here.  */
  __attribute__ ((weak))
#endif
  ;

#ifdef __cplusplus
}
#endif

#define STATIC_CALL_KEY(name) __dynpromote_scall_key_##name
#define STATIC_CALL_TRAMP(name) __dynpromote_scall_tramp_##name

#ifdef __DYNPROMOTE__
/* The trampoline: the plugin emits it, hidden, in every unit that calls
   it, and records every call to it.  */
# define DP_STATIC_CALL_TRAMP_ATTRS \
  __attribute__ ((dynpromote_static_call, visibility ("hidden")))
#else
# define DP_STATIC_CALL_TRAMP_ATTRS
#endif

#ifdef __cplusplus
# define DP_STATIC_CALL_EXTERN extern "C"
# define DP_STATIC_CALL_DEFINE
#else
# define DP_STATIC_CALL_EXTERN extern
# define DP_STATIC_CALL_DEFINE
#endif

#define DECLARE_STATIC_CALL(name, func) \
  DP_STATIC_CALL_EXTERN struct dynpromote_static_call_key \
    STATIC_CALL_KEY (name); \
  DP_STATIC_CALL_EXTERN __typeof__ (func) STATIC_CALL_TRAMP (name) \
    DP_STATIC_CALL_TRAMP_ATTRS

#define DEFINE_STATIC_CALL(name, func) \
  DECLARE_STATIC_CALL (name, func); \
  DP_STATIC_CALL_DEFINE struct dynpromote_static_call_key \
    STATIC_CALL_KEY (name) = { (void *) &(func), (void *) &(func), { 0, 0 } }

#define DEFINE_STATIC_CALL_NULL(name, type) \
  DECLARE_STATIC_CALL (name, type); \
  DP_STATIC_CALL_DEFINE struct dynpromote_static_call_key \
    STATIC_CALL_KEY (name) \
    = { 0, (void *) &__dynpromote_static_call_return0, { 0, 0 } }

#ifdef __DYNPROMOTE__
/* A direct call of the trampoline; the plugin records it.  */
# define static_call(name) (STATIC_CALL_TRAMP (name))
#else
# define static_call(name) \
  ((__typeof__ (&STATIC_CALL_TRAMP (name))) \
   __atomic_load_n (&STATIC_CALL_KEY (name).target, __ATOMIC_ACQUIRE))
#endif

#define static_call_query(name) \
  ((__typeof__ (&STATIC_CALL_TRAMP (name))) \
   __atomic_load_n (&STATIC_CALL_KEY (name).func, __ATOMIC_ACQUIRE))

#ifdef __cplusplus
# define DP_STATIC_CALL_CHECK(name, func) \
  ((void) static_cast<__typeof__ (&STATIC_CALL_TRAMP (name))> (func))
#else
/* FUNC must be a function (or pointer) of the key's type, or NULL.  */
# define DP_STATIC_CALL_CHECK(name, func) \
  _Static_assert (_Generic ((func), \
			    __typeof__ (&STATIC_CALL_TRAMP (name)): 1, \
			    void *: 1, \
			    default: 0), \
		  "static_call_update: " #func \
		  " does not have the type of static call " #name)
#endif

#define static_call_update(name, func) \
  do \
    { \
      DP_STATIC_CALL_CHECK (name, func); \
      dp_static_call_set (&STATIC_CALL_KEY (name), (void *) (func)); \
    } \
  while (0)

static inline void
dp_static_call_set (struct dynpromote_static_call_key *key, void *func)
{
#if !defined __DYNPROMOTE__ && !defined DYNPROMOTE_BUILDING_RUNTIME
  if (!__dynpromote_static_call_update)
    {
      /* No runtime in the process: only the pointer to set.  */
      __atomic_store_n (&key->target,
			func ? func : (void *) &__dynpromote_static_call_return0,
			__ATOMIC_RELEASE);
      __atomic_store_n (&key->func, func, __ATOMIC_RELEASE);
      return;
    }
#endif
  __dynpromote_static_call_update (key, func);
}

#if !defined __DYNPROMOTE__ && !defined DYNPROMOTE_BUILDING_RUNTIME
/* Plain builds that do not link the runtime still need the return-0
   function; the runtime's, when linked, is the same thing.  */
__attribute__ ((weak)) long
__dynpromote_static_call_return0 (void)
{
  return 0;
}
#endif

#endif /* DYNPROMOTE_STATIC_CALL_H */
