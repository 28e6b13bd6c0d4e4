"""What `entente.run` costs from Python against the C++ call it wraps, on scenarios/korea.yaml
run 1953–2015 (docs/performance.md).

    make python bench   # builds build/python and build/entente_bench (and runs the C++ benchmarks)
    /usr/bin/python3 bench/python_run.py

The C++ figure is the best of 10 repetitions of Google Benchmark's KoreaRun1953To2015/median
(bench/sim_bench.cpp: sim::simulate on a loaded scenario); the Python figure the best of 50
timeit repeats of 20 calls of entente.run(korea, to_year=2015) on a loaded entente.Scenario. Building the tidy DataFrame
(run.series) is lazy and timed apart.
"""
import json
import pathlib
import subprocess
import sys
import timeit

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "build" / "python"))

import entente  # noqa: E402


def cpp_ms():
    """The best of 10 repetitions of Google Benchmark's KoreaRun1953To2015/median (the scenario's model), in ms."""
    out = subprocess.run([str(ROOT / "build" / "entente_bench"), "--benchmark_filter=^KoreaRun1953To2015/median$",
                          "--benchmark_format=json", "--benchmark_repetitions=10"],
                         capture_output=True, text=True, check=True, cwd=ROOT).stdout
    rows = [r for r in json.loads(out)["benchmarks"] if r.get("run_type") == "iteration"]
    scale = {"ms": 1.0, "us": 1e-3, "ns": 1e-6}[rows[0]["time_unit"]]
    return min(r["real_time"] for r in rows) * scale


def python_ms(statement, number, globals_):
    """The best of 50 short repeats of the time per call, in ms: on shared cores the least
    disturbed repeat is the cost, and the C++ figure is taken the same way."""
    return min(timeit.repeat(statement, number=number, repeat=50, globals=globals_)) / number * 1e3


def main():
    korea = entente.load(ROOT / "scenarios" / "korea.yaml")
    env = {"entente": entente, "korea": korea}
    run = entente.run(korea, to_year=2015)
    env["run"] = run
    cpp = cpp_ms()
    py = python_ms("entente.run(korea, to_year=2015)", 20, env)
    frame = python_ms("run.series", 10, env)
    wide = python_ms("run.wide", 10, env)
    print(f"korea.yaml 1953-2015, {len(run.years)} years x {len(run.series_names)} series")
    print(f"C++ sim::simulate (KoreaRun1953To2015/median, best of 10)  {cpp:8.3f} ms")
    print(f"Python entente.run (best of 50 x 20)               {py:8.3f} ms   {py / cpp:.2f}x the C++ call")
    print(f"  then run.series, the tidy DataFrame                {frame:8.3f} ms")
    print(f"  then run.wide, year x series                       {wide:8.3f} ms")
    return 0 if py < 2 * cpp else 1


if __name__ == "__main__":
    sys.exit(main())
