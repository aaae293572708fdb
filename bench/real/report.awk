# report.awk - markdown tables of run times from times.tsv, whose lines are
#
#   PROGRAM WORKLOAD BUILD ROUND WALL USER SYS MAXRSS
#   PROGRAM WORKLOAD BUILD ROUND fail
#
# (seconds, and KiB: what bench/real/measure.c writes).  The metrics:
# wall (WALL), cpu (USER + SYS) and rss (MAXRSS).
#
# -v what=programs   one row per program: per round, the sum of its
#                    workloads' times and the largest of their RSS (a
#                    round counts only when every workload ran)
# -v what=workloads  one row per workload
# -v what=ratios     no table but lines "PROGRAM RATIO METRIC MEDIAN LO
#                    HI", per program, for every ratio and metric with
#                    figures (for the goals and summary tables)
# -v builds="plain plain+dp ..."  a column per build: median (min-max)
#                    over the rounds (may be empty)
# -v ratios="plain+dp/plain retp/plain ..."  a column per ratio NUM/DEN:
#                    ratio of the medians (range of the per-round ratios:
#                    both runs of a round ran seconds apart)
# -v metrics="wall cpu"  every build and ratio column once per metric
# -v order="PROG PROG..."  the programs, in order (not for workloads)

function median(key,   n, a) {
  n = split(vals[key], a, " ")
  asort_num(a, n)
  return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}

function extreme(key, want_max,   n, i, a, r) {
  n = split(vals[key], a, " ")
  r = a[1]
  for (i = 2; i <= n; i++)
    if (want_max ? a[i] + 0 > r + 0 : a[i] + 0 < r + 0)
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

function cell(m, row, b,   key, d) {
  key = m SUBSEP row SUBSEP b
  if (!(key in vals))
    return "-"
  if (m == "rss")  # MiB
    return sprintf("%.1f (%.1f-%.1f)", median(key) / 1024, extreme(key, 0) / 1024,
      extreme(key, 1) / 1024)
  return sprintf("%.3f (%.3f-%.3f)", median(key), extreme(key, 0), extreme(key, 1))
}

# ratio_of(METRIC, ROW, NUM, DEN): 1 and R_med, R_lo, R_hi set, or 0 when
# either build has no figures or they share no round.
function ratio_of(m, row, num, den,   kn, kd, r, n, rr) {
  kn = m SUBSEP row SUBSEP num
  kd = m SUBSEP row SUBSEP den
  if (!(kn in vals) || !(kd in vals) || median(kd) == 0)
    return 0
  n = 0
  for (r = 1; r <= maxround; r++) {
    if (!((kn SUBSEP r) in byround) || !((kd SUBSEP r) in byround) || byround[kd, r] == 0)
      continue
    rr = byround[kn, r] / byround[kd, r]
    if (!n++ || rr < R_lo) R_lo = rr
    if (n == 1 || rr > R_hi) R_hi = rr
  }
  R_med = median(kn) / median(kd)
  return n > 0
}

function ratio(m, row, num, den) {
  if (!ratio_of(m, row, num, den))
    return "-"
  return sprintf("%.3f (%.3f-%.3f)", R_med, R_lo, R_hi)
}

function add(m, row, b, r, t) {
  vals[m, row, b] = vals[m, row, b] (((m, row, b) in vals) ? " " : "") t
  byround[m, row, b, r] = t
}

function unit(m) { return m == "wall" ? "s" : m == "cpu" ? "CPU s" : "MiB" }
function mname(m) { return m == "wall" ? "wall" : m == "cpu" ? "CPU" : "RSS" }

{
  prog = $1; w = $2; b = $3; r = $4
  if (r > maxround) maxround = r
  bseen[b] = 1
  ok = $5 != "fail"
  if (what == "workloads") {
    row = prog "/" w
    if (!(row in seenrow)) { seenrow[row] = 1; rows[++nrows] = row }
    if (ok) {
      add("wall", row, b, r, $5)
      add("cpu", row, b, r, $6 + $7)
      add("rss", row, b, r, $8)
    } else
      failed[row, b]++
  } else {
    if (!((prog, w) in seenw)) { seenw[prog, w] = 1; nw[prog]++ }
    if (!ok) bad[prog, b, r] = 1
    else {
      sum["wall", prog, b, r] += $5
      sum["cpu", prog, b, r] += $6 + $7
      if ($8 > sum["rss", prog, b, r]) sum["rss", prog, b, r] = $8
      cnt[prog, b, r]++
    }
  }
}

END {
  nb = split(builds, bs, " ")
  nr = split(ratios, rs, " ")
  nm = split(metrics, ms, " ")
  if (what != "workloads") {
    nrows = split(order, rows, " ")
    for (i = 1; i <= nrows; i++)
      for (b in bseen)
        for (r = 1; r <= maxround; r++) {
          k = rows[i] SUBSEP b SUBSEP r
          if ((k in cnt) && !(k in bad) && cnt[k] == nw[rows[i]]) {
            add("wall", rows[i], b, r, sum["wall", rows[i], b, r])
            add("cpu", rows[i], b, r, sum["cpu", rows[i], b, r])
            add("rss", rows[i], b, r, sum["rss", rows[i], b, r])
          } else if ((k in cnt) || (k in bad))
            failed[rows[i], b]++
        }
  }
  if (what == "ratios") {
    for (i = 1; i <= nrows; i++)
      for (j = 1; j <= nr; j++)
        for (l = 1; l <= nm; l++) {
          split(rs[j], nd, "/")
          if (ratio_of(ms[l], rows[i], nd[1], nd[2]))
            printf "%s %s %s %.6f %.6f %.6f\n", rows[i], rs[j], ms[l], R_med, R_lo, R_hi
        }
    exit
  }
  printf "| %s |", (what == "workloads" ? "workload" : "program")
  for (j = 1; j <= nb; j++)
    for (l = 1; l <= nm; l++)
      printf " %s %s |", bs[j], unit(ms[l])
  for (j = 1; j <= nr; j++)
    for (l = 1; l <= nm; l++) {
      split(rs[j], nd, "/")
      printf " %s / %s%s |", nd[1], nd[2], (nm > 1 ? " " mname(ms[l]) : "")
    }
  printf "\n| --- |"
  for (j = 1; j <= nb * nm + nr * nm; j++)
    printf " --- |"
  printf "\n"
  for (i = 1; i <= nrows; i++) {
    row = rows[i]
    label = row
    if (what != "workloads") label = row " (" nw[row] ")"
    printf "| %s |", label
    for (j = 1; j <= nb; j++)
      for (l = 1; l <= nm; l++) {
        c = cell(ms[l], row, bs[j])
        if ((row, bs[j]) in failed) c = c " !" failed[row, bs[j]] " failed"
        printf " %s |", c
      }
    for (j = 1; j <= nr; j++)
      for (l = 1; l <= nm; l++) {
        split(rs[j], nd, "/")
        printf " %s |", ratio(ms[l], row, nd[1], nd[2])
      }
    printf "\n"
  }
}
