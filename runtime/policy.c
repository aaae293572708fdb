/* policy.c - the decision: what a site that has learned enough should
   become.

   A learning site's samples give its hot targets.  The policy picks the
   fewest, up to max-targets, that cover DYNPROMOTE_COVERAGE percent of
   the samples (behind a retpoline: all of them, up to max-targets); if
   even max-targets cover less than half, the site is
   megamorphic (the plain indirect jump, no more sampling); without
   retpolines, so is a site the branch predictor is expected to predict
   better than a chain (predicted: dp_model_verdict), and a promotion
   the model is unsure of waits for more samples.

   Owns: the branch-predictor model (dp_model_*), the coverage and
   megamorphic thresholds, and the site's hold flag (a decision put off
   until 8x dp_decide_samples samples).

   May not: write code, route a site, or change any of the site's state
   but its hold flag: promote.c acts on the decision.  */

#include <stdbool.h>
#include <stdlib.h>

#include "dp-runtime.h"

struct dp_candidate
{
  uint64_t target;
  uint64_t samples;
};

static int
dp_by_samples (const void *a, const void *b)
{
  const struct dp_candidate *x = a, *y = b;
  return x->samples < y->samples ? 1 : x->samples > y->samples ? -1 : 0;
}

/* The branch-predictor model.  Without retpolines an indirect call is
   predicted by the hardware, and a compare chain only pays off where its
   conditional branches mispredict less often than the indirect branch
   would.  Both are estimated per call for independent draws from the
   learned distribution, as a predictor without usable history sees them
   (bench/shapes fits this to within a few percent on every shape): an
   indirect branch over targets of shares q_j mispredicts as often as a
   last-target predictor, 1 - sum q_j^2; a compare for a target of share
   p, reached by mass r, mispredicts min (p, r - p) (the branch goes the
   likelier way).  Shares are in learned samples; untracked targets
   ("other") count as all distinct.  */

/* Mispredictions of an indirect branch over CAND[FROM..N) and OTHER, in
   samples.  */
static double
dp_model_indirect (const struct dp_candidate *cand, int from, int n,
		   uint64_t other)
{
  double mass = (double) other, squares = 0;
  for (int i = from; i < n; i++)
    {
      mass += (double) cand[i].samples;
      squares += (double) cand[i].samples * (double) cand[i].samples;
    }
  return mass > 0 ? mass - squares / mass : 0;
}

/* Mispredictions of a chain comparing CAND[0..K) in order, then the
   indirect branch for CAND[K..N) and OTHER, in samples (TOTAL: all of
   CAND and OTHER).  */
static double
dp_model_chain (const struct dp_candidate *cand, int k, int n,
		uint64_t other, uint64_t total)
{
  double reach = (double) total, misses = 0;
  for (int i = 0; i < k; i++)
    {
      double p = (double) cand[i].samples;
      misses += p < reach - p ? p : reach - p;
      reach -= p;
    }
  return misses + dp_model_indirect (cand, k, n, other);
}

/* The model's verdict on a site.  */
enum dp_verdict
{
  DP_VERDICT_PROMOTE,      /* a chain does as well, or better.  */
  DP_VERDICT_UNSURE,       /* a chain does as well on these samples, but
			      the estimate is too rough to tell.  */
  DP_VERDICT_PREDICTED     /* the hardware does better.  */
};

/* Does the model expect a chain of up to K of the site's hottest targets
   to save less than DP_MODEL_MIN_GAIN mispredictions per call against
   the hardware's prediction?  Then the site is left to the predictor:
   a promoted call runs the trampoline (a countdown, compares, one more
   taken jump) where a predicted indirect call costs what a direct one
   does, so ties go to the predictor (a monomorphic site saves nothing;
   SQLite's speedtest1, CPU time over plain: 1.049 with ties promoted,
   1.032 without).  If the chain does pay, could more samples say
   otherwise: is its margin within two standard deviations of the
   indirect rate's estimate from TOTAL samples (sqrt (p (1 - p) /
   TOTAL))?  */
#define DP_MODEL_MIN_GAIN 0.05
static enum dp_verdict
dp_model_verdict (const struct dp_candidate *cand, int k, int n,
		  uint64_t other, uint64_t total)
{
  double best = dp_model_chain (cand, 1, n, other, total);
  for (int i = 2; i <= k; i++)
    {
      double c = dp_model_chain (cand, i, n, other, total);
      if (c < best)
	best = c;
    }
  double samples = (double) total;
  double indirect = dp_model_indirect (cand, 0, n, other) / samples;
  double short_by = (indirect - best / samples) - DP_MODEL_MIN_GAIN;
  if (short_by < 0)
    return DP_VERDICT_PREDICTED;
  return short_by * short_by < 4 * indirect * (1 - indirect) / samples
	 ? DP_VERDICT_UNSURE : DP_VERDICT_PROMOTE;
}

/* Decide what learning site REC (state ST) becomes, from the samples in
   its slots.  For DP_DECISION_PROMOTE, D holds the targets to promote,
   hottest first, and the share of samples they leave to misses.  */
enum dp_decision_kind
dp_policy_decide (const struct dp_site_record *rec, struct dp_site_state *st,
		  struct dp_decision *d)
{
  struct dp_candidate cand[DP_SLOTS];
  int n = 0;
  for (int i = 0; i < DP_SLOTS; i++)
    {
      uint64_t t = __atomic_load_n (&st->slot[i].target, __ATOMIC_RELAXED);
      if (t)
	{
	  cand[n].target = t;
	  cand[n].samples = __atomic_load_n (&st->slot[i].samples,
					     __ATOMIC_RELAXED);
	  n++;
	}
    }
  qsort (cand, (size_t) n, sizeof cand[0], dp_by_samples);
  int learned = n;
  uint64_t samples = 0;
  for (int i = 0; i < n; i++)
    samples += cand[i].samples;
  samples += st->other;
  if (n == 0 || samples == 0)
    return DP_DECISION_NONE;

  int max = rec->max_targets ? rec->max_targets : (int) dp_max_targets;
  if (max == 0)
    max = (rec->flags & DP_FLAG_RETPOLINE) ? DP_SLOTS : DP_DEFAULT_MAX_TARGETS;
  if (max > DP_SLOTS)
    max = DP_SLOTS;
  if (n > max)
    n = max;
  uint64_t covered = 0;
  for (int i = 0; i < n; i++)
    covered += cand[i].samples;
  if (covered * 100 < samples * dp_megamorphic_percent)
    return DP_DECISION_MEGAMORPHIC;
  /* Behind a retpoline every learned target (up to max) goes into the
     chain: a compare, even mispredicted, costs less than the thunk a
     miss pays, and the chain is hottest first, so a cold target slows
     only the misses.  Fewer targets there only invited relearning, as
     a phased program's dispatch jumps showed (Lua: 16 relearns a site,
     then stuck at 1 of 8 targets with half the jumps missing).
     Elsewhere the fewest targets covering the coverage percentage.  A
     slot without samples this round (kept from before a relearn) is no
     target of this round.  */
  int k = 1;
  covered = cand[0].samples;
  bool all = (rec->flags & DP_FLAG_RETPOLINE) != 0;
  while (k < n && cand[k].samples
	 && (all || covered * 100 < samples * dp_coverage_percent))
    covered += cand[k++].samples;

  /* Without retpolines, leave to the branch predictor the sites a chain
     would not clearly serve better.  A few dozen samples make some
     sites look better served by a chain than they are (skew8 in a
     quarter of 64-sample windows), so a promotion the estimate is
     unsure of waits for 8 times as many samples.  A site left to the
     predictor is taken at once: a mistake there costs little (the
     predictor is what the plain build has) and a recheck revisits it,
     while every call of a site still learning pays the sampling
     routine.  */
  if (dp_trust_predictor && !(rec->flags & DP_FLAG_RETPOLINE))
    {
      enum dp_verdict verdict = dp_model_verdict (cand, k, learned,
						  st->other, samples);
      if (verdict == DP_VERDICT_UNSURE && !st->hold
	  && st->samples < 8 * (uint64_t) dp_decide_samples)
	{
	  st->hold = 1;
	  return DP_DECISION_NONE;
	}
      if (verdict == DP_VERDICT_PREDICTED)
	{
	  st->hold = 0;
	  return DP_DECISION_PREDICTED;
	}
    }
  st->hold = 0;

  d->k = k;
  for (int i = 0; i < k; i++)
    d->targets[i] = cand[i].target;
  d->expected_miss = (uint32_t) (100 - covered * 100 / samples);
  return DP_DECISION_PROMOTE;
}
