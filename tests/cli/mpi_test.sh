#!/usr/bin/env bash
# Under mpirun with 2 and 4 ranks, `sweep --mpi` writes files byte-identical to a one-process
# sweep (time-stepped with policies and the posterior; one-year with eu; runs that do not
# split evenly) and refuses fewer runs than ranks with exit 2; `calibrate --mpi` writes the
# one-process posterior file byte for byte (5 chains: blocks of unequal size), and so does
# `benchmark alliances --mpi` its scores and CSVs; a bad case file fails every rank with exit 3,
# none left waiting.
#   tests/cli/mpi_test.sh ENTENTE MPIEXEC SOURCE_DIR
set -uo pipefail
entente=$1 mpiexec=$2 src=$3
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mpi=("$mpiexec" --allow-run-as-root --oversubscribe)
failures=0
check() {  # NAME SWEEP-ARGS...
  local name=$1; shift
  "$entente" -q sweep "$@" -j1 -o "$scratch/$name-1" || { echo "FAIL $name: the one-process sweep failed"; failures=$((failures + 1)); return; }
  for n in 2 4; do
    if ! "${mpi[@]}" -np "$n" "$entente" -q sweep "$@" -j1 --mpi -o "$scratch/$name-$n"; then
      echo "FAIL $name: the sweep on $n ranks failed"; failures=$((failures + 1)); continue
    fi
    if diff -r "$scratch/$name-1" "$scratch/$name-$n" >/dev/null; then
      echo "ok   $name: $n ranks give files byte-identical to one process ($(ls "$scratch/$name-$n" | tr '\n' ' '))"
    else
      echo "FAIL $name: $n ranks differ from one process"; diff -r "$scratch/$name-1" "$scratch/$name-$n" | head -5
      failures=$((failures + 1))
    fi
  done
}
check korea "$src/scenarios/korea.yaml" --runs 41 --seed 7 --policies no-role-reversal --posterior "$src/data/posterior.json"
check korea2003 "$src/scenarios/korea-2003.yaml" --runs 203 --seed 3 -m eu
"${mpi[@]}" -np 4 "$entente" -q sweep "$src/scenarios/korea.yaml" --runs 3 --mpi -o "$scratch/few" >"$scratch/few.log" 2>&1
code=$?
if [ "$code" -eq 2 ] && grep -q "fewer than the 4 MPI ranks" "$scratch/few.log"; then
  echo "ok   fewer runs than ranks: exit 2 with a message"
else
  echo "FAIL fewer runs than ranks: exit $code"; cat "$scratch/few.log"; failures=$((failures + 1))
fi
cases="$src/tests/data/cases"
"$entente" -q calibrate "$cases" --draws 40 --chains 5 --seed 9 -j1 -o "$scratch/posterior-1.json"
for n in 2 4; do
  "${mpi[@]}" -np "$n" "$entente" -q calibrate "$cases" --draws 40 --chains 5 --seed 9 -j1 --mpi \
    -o "$scratch/posterior-$n.json" 2>/dev/null
  if [ -s "$scratch/posterior-1.json" ] && cmp -s "$scratch/posterior-1.json" "$scratch/posterior-$n.json"; then
    echo "ok   calibrate: $n ranks give the one-process posterior file byte for byte"
  else
    echo "FAIL calibrate: $n ranks differ from one process"; failures=$((failures + 1))
  fi
done
(cd "$src" && "$entente" -q benchmark alliances -j1 -f json -o "$scratch/pacts-1" >"$scratch/pacts-1.json")
for n in 2 4; do
  (cd "$src" && "${mpi[@]}" -np "$n" "$entente" -q benchmark alliances -j1 -f json --mpi -o "$scratch/pacts-$n" \
    >"$scratch/pacts-$n.json")
  if [ -s "$scratch/pacts-1.json" ] && cmp -s "$scratch/pacts-1.json" "$scratch/pacts-$n.json" &&
     diff -r "$scratch/pacts-1" "$scratch/pacts-$n" >/dev/null; then
    echo "ok   benchmark alliances: $n ranks give the one-process scores and CSVs byte for byte"
  else
    echo "FAIL benchmark alliances: $n ranks differ from one process"; failures=$((failures + 1))
  fi
done
printf 'name: broken\ntime: {start: 1990, end: x}\n' >"$scratch/broken.yaml"
timeout 120 "${mpi[@]}" -np 2 "$entente" -q calibrate "$scratch/broken.yaml" --draws 8 --mpi -o "$scratch/bad.json" \
  >"$scratch/bad.log" 2>&1
code=$?
if [ "$code" -eq 3 ] && grep -q "broken.yaml" "$scratch/bad.log" && [ ! -e "$scratch/bad.json" ]; then
  echo "ok   calibrate on a bad case: every rank exits 3 naming the file, nothing written"
else
  echo "FAIL calibrate on a bad case: exit $code"; cat "$scratch/bad.log"; failures=$((failures + 1))
fi
exit $((failures > 0))
