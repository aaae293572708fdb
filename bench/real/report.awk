# report.awk - markdown tables of run times from times.tsv, whose lines are
#
#   PROGRAM WORKLOAD VARIANT ROUND SECONDS|fail
#
# -v what=ratios    per program, plain: PROGRAM and the four ratios of
#                   medians (for the goals table)
# -v what=programs  one row per program: per round, the sum of its
#                   workloads' times (a round counts only when every
#                   workload ran); -v what=workloads: one row per workload.
# -v variants="plain plain+dp retp retp+dp" -v order="PROG PROG..."
# Cells: median (min-max) over the rounds; ratios: ratio of the medians
# (range of the per-round ratios: both runs of a round ran seconds apart).

function median(key,   n, i, a) {
  n = split(vals[key], a, " ")
  asort_num(a, n)
  return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}

function extreme(key, want_max,   n, i, a, r) {
  n = split(vals[key], a, " ")
  r = a[1]
  for (i = 2; i <= n; i++)
    if (want_max ? a[i] > r : a[i] < r)
      r = a[i]
  return r
}

# insertion sort, numeric (mawk has no asort)
function asort_num(a, n,   i, j, t) {
  for (i = 2; i <= n; i++) {
    t = a[i] + 0
    for (j = i - 1; j >= 1 && a[j] + 0 > t; j--)
      a[j + 1] = a[j]
    a[j + 1] = t
  }
}

function cell(key) {
  if (!(key in vals))
    return "-"
  return sprintf("%.3f (%.3f-%.3f)", median(key), extreme(key, 0), extreme(key, 1))
}

function ratio(row, num, den,   kn, kd, r, lo, hi, n, rr) {
  kn = row SUBSEP num
  kd = row SUBSEP den
  if (!(kn in vals) || !(kd in vals))
    return "-"
  n = 0
  for (r = 1; r <= maxround; r++) {
    if (!((kn SUBSEP r) in byround) || !((kd SUBSEP r) in byround))
      continue
    rr = byround[kn, r] / byround[kd, r]
    if (!n++ || rr < lo) lo = rr
    if (n == 1 || rr > hi) hi = rr
  }
  return sprintf("%.3f (%.2f-%.2f)", median(kn) / median(kd), lo, hi)
}

function mratio(row, num, den) {
  if (!((row, num) in vals) || !((row, den) in vals))
    return "-"
  return sprintf("%.3f", median(row SUBSEP num) / median(row SUBSEP den))
}

function add(row, v, r, t) {
  vals[row, v] = vals[row, v] (((row, v) in vals) ? " " : "") t
  byround[row, v, r] = t
}

{
  prog = $1; w = $2; v = $3; r = $4; t = $5
  if (r > maxround) maxround = r
  if (what == "workloads") {
    row = prog "/" w
    if (!(row in seenrow)) { seenrow[row] = 1; rows[++nrows] = row }
    if (t != "fail") add(row, v, r, t)
    else failed[row, v]++
  } else {
    if (!((prog, w) in seenw)) { seenw[prog, w] = 1; nw[prog]++ }
    if (t == "fail") bad[prog, v, r] = 1
    else { sum[prog, v, r] += t; cnt[prog, v, r]++ }
  }
}

END {
  nv = split(variants, vs, " ")
  if (what != "workloads") {
    nrows = split(order, rows, " ")
    for (i = 1; i <= nrows; i++)
      for (j = 1; j <= nv; j++)
        for (r = 1; r <= maxround; r++) {
          k = rows[i] SUBSEP vs[j] SUBSEP r
          if ((k in cnt) && !(k in bad) && cnt[k] == nw[rows[i]])
            add(rows[i], vs[j], r, sum[k])
          else if ((k in cnt) || (k in bad))
            failed[rows[i], vs[j]]++
        }
  }
  if (what == "ratios") {
    for (i = 1; i <= nrows; i++)
      print rows[i], mratio(rows[i], "plain+dp", "plain"), mratio(rows[i], "retp", "plain"),
        mratio(rows[i], "retp+dp", "retp"), mratio(rows[i], "retp+dp", "plain")
    exit
  }
  printf "| %s |", (what == "workloads" ? "workload" : "program")
  for (j = 1; j <= nv; j++) printf " %s s |", vs[j]
  print " plain+dp / plain | retp / plain | retp+dp / retp | retp+dp / plain |"
  printf "| --- |"
  for (j = 1; j <= nv; j++) printf " --- |"
  print " --- | --- | --- | --- |"
  for (i = 1; i <= nrows; i++) {
    row = rows[i]
    label = row
    if (what != "workloads") label = row " (" nw[row] ")"
    printf "| %s |", label
    for (j = 1; j <= nv; j++) {
      c = cell(row SUBSEP vs[j])
      if ((row, vs[j]) in failed) c = c " !" failed[row, vs[j]] " failed"
      printf " %s |", c
    }
    printf " %s | %s | %s | %s |\n", ratio(row, "plain+dp", "plain"), ratio(row, "retp", "plain"),
      ratio(row, "retp+dp", "retp"), ratio(row, "retp+dp", "plain")
  }
}
