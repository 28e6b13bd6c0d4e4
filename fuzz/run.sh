#!/usr/bin/env bash
# Runs each libFuzzer target of BUILD for SECONDS seconds, one after another (one core), from
# the seeds in fuzz/corpus/<target> and what earlier runs added in BUILD/corpus/<target>.
#   fuzz/run.sh BUILD SECONDS [TARGET...]      (default: every reader; `make fuzz` calls it)
# Prints one line per target: seconds, executions, final coverage (cov: edges, ft: features),
# corpus size, peak memory. A crash (an exception other than InputError/SpecError, a sanitizer
# finding, a leak, an input slower than 10 s, or more than 2 GB) stops it with exit 1, its
# input in BUILD/crashes/ and the log's end printed: fix the cause, then make the input a
# regression test and keep it in fuzz/findings/<target>/.
set -uo pipefail
cd "$(dirname "$0")/.."
build=${1:?usage: fuzz/run.sh BUILD SECONDS [TARGET...]}
seconds=${2:?usage: fuzz/run.sh BUILD SECONDS [TARGET...]}
shift 2
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(yaml_scenario timeline_yaml ktab_csv position_table forecast_json results_db deu3 posterior backtest_json)
mkdir -p "$build/crashes"
for t in "${targets[@]}"; do
  mkdir -p "$build/corpus/$t"
  log="$build/fuzz_$t.log"
  if ! ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 "$build/fuzz_$t" \
      -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
      -artifact_prefix="$build/crashes/$t-" "$build/corpus/$t" "fuzz/corpus/$t" >"$log" 2>&1; then
    echo "fuzz_$t: CRASH (input in $build/crashes/)"
    tail -n 60 "$log"
    exit 1
  fi
  done_line=$(grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -n 1)
  echo "fuzz_$t: $(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log") s," \
       "$(sed -n 's/^stat::number_of_executed_units: *//p' "$log") executions," \
       "cov $(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$done_line") ft $(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$done_line")," \
       "corpus $(ls "$build/corpus/$t" | wc -l) inputs, peak RSS $(sed -n 's/^stat::peak_rss_mb: *//p' "$log") MB, 0 crashes"
done
