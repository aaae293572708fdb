#!/bin/sh
# perf-report.sh DIR PROGRAM [ARGS...] - for perf-report.c: run PROGRAM
# under `perf record -e cpu-clock' (data in DIR), print its standard
# output, then `perf report' by shared object and symbol, and remove the
# program's /tmp/perf-PID.map (the program prints pid=PID).
#
# Exit status 77 (the test's dg-unsupported-status) with the reason as
# the last line when the test cannot be made here: no perf, perf record
# refused (perf_event_paranoid, a container), or a perf that does not
# read the map for the runtime's code: perf applies /tmp/perf-PID.map
# only to samples in mappings it takes for anonymous memory (//anon,
# /dev/zero); the runtime's pools are shared anonymous memory, but a
# runtime that kept them in memfds (before ABI 2) had its samples
# reported as the object "memfd:dynpromote (deleted)".
dir=$1
shift
if ! command -v perf >/dev/null 2>&1; then
  echo "no perf program (scripts/install-deps installs linux-perf)"
  exit 77
fi
if ! perf record -q -e cpu-clock -o "$dir/probe.data" -- true \
     >"$dir/probe.log" 2>&1; then
  echo "perf record -e cpu-clock does not work here: $(tail -n 1 "$dir/probe.log")"
  exit 77
fi
perf record -q -e cpu-clock -o "$dir/perf.data" -- "$@" >"$dir/prog.out"
status=$?
cat "$dir/prog.out"
[ "$status" -eq 0 ] || exit "$status"
pid=$(sed -n 's/^pid=//p' "$dir/prog.out")
perf report -i "$dir/perf.data" --stdio --sort dso,sym 2>&1 \
  | grep -v '^#' | grep -v '^$' >"$dir/report.txt"
[ -n "$pid" ] && rm -f "/tmp/perf-$pid.map"
cat "$dir/report.txt"
if ! grep -q 'dynpromote\.trampoline:' "$dir/report.txt" \
   && grep -q 'memfd:dynpromote' "$dir/report.txt"; then
  echo "perf $(perf version 2>/dev/null | sed 's/^perf version //') does not apply /tmp/perf-PID.map to memfd-backed code (samples in trampolines go to memfd:dynpromote)"
  exit 77
fi
exit 0
