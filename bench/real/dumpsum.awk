# dumpsum.awk - one line of figures from one DYNPROMOTE_STATS dump:
#
#   registered executed promoted megamorphic calls hitcalls
#
# registered  sites of all loaded objects (object ... sites=N)
# executed    sites that were sampled at least once (state other than
#             idle; a site called only a handful of times can stay idle)
# promoted    sites in state promoted at exit; megamorphic likewise
# calls       the runtime's estimate of calls over all sites (it stops
#             counting once a site goes megamorphic, so those are low)
# hitcalls    the estimated calls that reached a promoted target: each
#             promoted site's calls times its sampled hit rate
#             hits / (hits + misses), or, before its first sampled hit
#             or miss, times the summed share of its promoted targets
# hitcalls / calls is the "hit share" the report prints.

function flush() {
  if (pending)
    hitcalls += site_calls * pshare / 100
  pending = 0
}

function field(name,   i, kv) {
  for (i = 2; i <= NF; i++) {
    split($i, kv, "=")
    if (kv[1] == name)
      return kv[2]
  }
  return ""
}

/^object / && field("state") == "loaded" { registered += field("sites") }

/^site / {
  flush()
  st = field("state")
  site_calls = field("calls") + 0
  calls += site_calls
  if (st != "idle")
    executed++
  if (st == "megamorphic")
    megamorphic++
  if (st == "promoted") {
    promoted++
    h = field("hits") + 0
    m = field("misses") + 0
    if (h + m > 0)
      hitcalls += site_calls * h / (h + m)
    else {
      pending = 1
      pshare = 0
    }
  }
  next
}

/^  target / && pending && field("promoted") == "1" {
  s = field("share")
  sub(/%/, "", s)
  pshare += s
}

END {
  flush()
  printf "%d %d %d %d %.0f %.0f\n", registered, executed, promoted, megamorphic, calls, hitcalls
}
