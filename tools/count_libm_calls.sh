#!/usr/bin/env bash
# Counts the calls a command makes to libm's exp, log and pow (docs/performance.md: why the
# million-run eu sweep cannot reach 10 s without changing results). Builds a small LD_PRELOAD
# wrapper in a temporary folder, runs the command under it, and prints the counts on stderr.
#   tools/count_libm_calls.sh build/entente -q sweep scenarios/korea-2003.yaml --runs 1000 -m eu -j1 -o /tmp/count
set -euo pipefail
(( $# > 0 )) || { echo "usage: $0 COMMAND [ARGS...]" >&2; exit 2; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cat > "$dir/count.c" <<'C'
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
static unsigned long n_exp, n_log, n_pow;
double exp(double x) { static double (*f)(double); if (!f) f = dlsym(RTLD_NEXT, "exp"); ++n_exp; return f(x); }
double log(double x) { static double (*f)(double); if (!f) f = dlsym(RTLD_NEXT, "log"); ++n_log; return f(x); }
double pow(double x, double y) { static double (*f)(double, double); if (!f) f = dlsym(RTLD_NEXT, "pow"); ++n_pow; return f(x, y); }
__attribute__((destructor)) static void report(void) { fprintf(stderr, "exp %lu log %lu pow %lu\n", n_exp, n_log, n_pow); }
C
cc -O2 -shared -fPIC "$dir/count.c" -o "$dir/count.so" -ldl
LD_PRELOAD="$dir/count.so" "$@"
