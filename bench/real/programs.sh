# programs.sh - the programs bench/real/run builds and times (sourced by it).
#
# Each program P has:
#   P_package            the Debian source package
#   P_prepare SRC PREP   one-time work shared by all builds (configure,
#                        amalgamation...), into PREP; not timed
#   P_build SRC PREP OUT the build proper, into OUT, with $cflags and
#                        $ldflags of the variant; timed as compile time
#   P_binary             the program's path inside OUT
#   P_workloads          the workloads, each timed on its own
#   P_run W BIN          run workload W of build BIN, output on stdout;
#                        $scale (1, or less with --quick) sizes it.  In
#                        the timed runs BIN is bench/real/measure.c's
#                        program standing in for the binary: run BIN as
#                        the command, and nothing else of the build
#   P_normalize          filter of the output before it is compared
#                        across builds (drops what legitimately varies)
# The driver provides $here (bench/real), $jobs, $data (generated inputs),
# $cflags, $ldflags and compile_each (compile sources in parallel).
# The P_ variables are read through eval there:
# shellcheck shell=bash disable=SC2034,SC2154

# Lua 5.4: the interpreter, built the way upstream's "make linux" does
# (all -O2; upstream's -Os for the parser is left out so that every file
# gets the same flags).  The workloads are bench/real/lua/*.lua.
lua_package=lua5.4
lua_binary=lua
lua_workloads="oo closures strings tables interp"
lua_prepare() {
  # Debian's luaconf.h includes a header its packaging generates.
  echo '#define DEB_HOST_MULTIARCH "x86_64-linux-gnu"' >"$2/lua5.4-deb-multiarch.h"
}
lua_build() {
  local f srcs=
  for f in "$1"/src/*.c; do
    case ${f##*/} in luac.c) ;; *) srcs="$srcs $f" ;; esac
  done
  # shellcheck disable=SC2086
  compile_each "$3" "-std=gnu99 -DLUA_COMPAT_5_3 -DLUA_USE_LINUX -I$2" $srcs
  # shellcheck disable=SC2086
  gcc $cflags -o "$3/lua" "$3"/*.o -Wl,-E -lm -ldl $ldflags
}
lua_run() { "$2" "$here/lua/$1.lua" "$scale"; }
lua_normalize() { cat; }

# SQLite 3: test/speedtest1.c against the amalgamation (sqlite3.c, made
# from the source tree by its own Makefile), default compile options.
sqlite_package=sqlite3
sqlite_binary=speedtest1
sqlite_workloads="speedtest1"
sqlite_prepare() {
  (cd "$2" && "$1/configure" -q >configure.log 2>&1 && make -s sqlite3.c >make.log 2>&1)
  cp "$1/test/speedtest1.c" "$2/"
}
sqlite_build() {
  compile_each "$3" "-I$2" "$2/sqlite3.c" "$2/speedtest1.c"
  # shellcheck disable=SC2086
  gcc $cflags -o "$3/speedtest1" "$3/speedtest1.o" "$3/sqlite3.o" -lm -ldl -lpthread $ldflags
}
# An in-memory database: CPU-bound, no fsync noise.  --size 50 is about
# 1.5 s in the plain build.
sqlite_run() {
  "$2" --size "$(awk -v s="$scale" 'BEGIN { n = int(50 * s); print (n < 5 ? 5 : n) }')" --memdb
}
# Each test line ends with its own timing.
sqlite_normalize() { sed 's/[0-9.]*s$//'; }

# jq 1.6 (no oniguruma: no workload uses regular expressions, and the
# library would not be built with the plugin anyway), static, over a
# generated JSON array of customer records (gen-json.lua).
jq_package=jq
jq_binary=jq
jq_workloads="select group reduce project"
jq_prepare() {
  autotools_prepare "$1" "$2" --disable-maintainer-mode --disable-shared \
    --without-oniguruma --disable-docs
}
jq_build() { autotools_build "$2" "$3"; }
jq_run() {
  local f
  # shellcheck disable=SC2016 # jq's variables, not the shell's
  case $1 in
    select) f='[.[] | select(.active and .age > 30) | {name, total: ([.orders[] | .qty * .price] | add // 0)}] | sort_by(.total) | .[-5:]' ;;
    group) f='group_by(.country) | map({country: .[0].country, n: length, avg: (map(.score) | add / length)})' ;;
    reduce) f='reduce (.[] | .tags[]) as $t ({}; .[$t] += 1)' ;;
    project) f='.[] | {id, email, city: .address.city, n: (.orders | length)}' ;;
  esac
  "$2" -c "$f" "$data/records.json"
}
jq_normalize() { cat; }

# libxml2 2.9: xmllint, static, over a generated XML catalogue
# (gen-xml.lua): build the tree; an XPath query; parse and re-serialise.
xml_package=libxml2
xml_binary=xmllint
xml_workloads="parse xpath format"
xml_prepare() {
  autotools_prepare "$1" "$2" --disable-shared --without-python --without-zlib \
    --without-lzma --without-icu
}
xml_build() { autotools_build "$2" "$3" xmllint; }
xml_run() {
  case $1 in
    parse) "$2" --noout "$data/catalog.xml" ;;
    xpath) "$2" --xpath 'count(//item[@type="book"]/tags/tag[.="fox"])' "$data/catalog.xml" ;;
    format) "$2" --format "$data/catalog.xml" ;;
  esac
}
xml_normalize() { cat; }

# Autotools projects: regenerate the build system once (Debian's patches
# leave configure.ac newer than configure), configure once with plain
# flags; every build copies that configured tree and passes its own
# CFLAGS and LDFLAGS to make (libtool drops -fplugin from link lines:
# harmless, nothing here links with -flto).
autotools_prepare() { # SRC PREP CONFIGURE-ARGS...
  local src=$1 prep=$2
  shift 2
  rm -rf "$prep/tree" "$prep/config"
  cp -a "$src" "$prep/tree"
  (cd "$prep/tree" && autoreconf -fi >"$prep/autoreconf.log" 2>&1)
  mkdir "$prep/config"
  (cd "$prep/config" && "$prep/tree/configure" -q CFLAGS="-O2" "$@" >"$prep/configure.log" 2>&1)
}
autotools_build() { # PREP OUT [TARGET]
  cp -a "$1/config/." "$2/"
  # shellcheck disable=SC2086
  make -C "$2" -s -j"$jobs" CFLAGS="$cflags" LDFLAGS="$ldflags" ${3:-} >"$2/make.log" 2>&1 \
    || { tail -20 "$2/make.log" >&2; return 1; }
}
