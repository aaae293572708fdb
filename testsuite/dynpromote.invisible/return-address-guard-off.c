/* Purpose: twin of return-address-guard.c without the inline guard
   (no-inline-guard): one call, one return address, promoted through
   the entry (route=stub).  */
/* { dg-do run } */
/* { dg-options "-O2 -fcf-protection=none -mindirect-branch=thunk -mfunction-return=keep -fplugin-arg-dynpromote-no-inline-guard -DGUARD_OFF" } */
/* { dg-set-env DYNPROMOTE_LEARN_PERIOD 1 } */
/* { dg-set-env DYNPROMOTE_SAMPLE_PERIOD 1 } */
/* { dg-set-env DYNPROMOTE_TRUST_PREDICTOR 0 } */
/* { dg-set-env DYNPROMOTE_RECHECK_MS 0 } */

#include "return-address-guard.c"
