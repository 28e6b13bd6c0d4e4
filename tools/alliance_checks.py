#!/usr/bin/env python3
"""The history checks of the alliance model (docs/models/alliance.md, "Checks against history"),
printed as figures, pass or fail, from `entente run` on the Korean scenario.

Usage: tools/alliance_checks.py [ENTENTE] [SCENARIO] [-m MODEL ...]
(defaults: build/entente, scenarios/korea.yaml, the models median mean eu smp). Then each model's
strain and net values against those of `mean` (the guide: "strain differs between smp and mean").
"""
import json
import subprocess
import sys

# The guide's crisis windows (first and last year) and their names.
CRISES = [((1953, 1953), "1953 Rhee, POW release, armistice"), ((1968, 1968), "1968 Blue House raid, Pueblo"),
          ((1971, 1971), "1971 Seventh Division withdrawn"), ((1977, 1978), "1977-78 Carter's withdrawal plan"),
          ((1994, 1994), "1994 strike planning"), ((2002, 2004), "2002-04 the essay's crisis")]


def run(entente, scenario, model):
    out = subprocess.run([entente, "run", scenario, "--format", "json", "-m", model],
                         capture_output=True, text=True, check=True).stdout
    j = json.loads(out)
    return j["years"], j["series"]


def peaks(years, values):
    """Local maxima (a year at least as high as both neighbours, higher than one), largest first."""
    out = []
    for i in range(len(values)):
        left = values[i - 1] if i > 0 else -1
        right = values[i + 1] if i + 1 < len(values) else -1
        if values[i] >= left and values[i] >= right and (values[i] > left or values[i] > right):
            out.append((values[i], years[i]))
    return sorted(out, reverse=True)


def check(entente, scenario, model, years, s):
    at = {y: i for i, y in enumerate(years)}
    v = lambda name, y: s[name][at[y]]
    print(f"== {scenario}, model {model}")
    survival = v("survival", 2010)
    print(f"survival 1953-2010: {survival:.4f}  [{'pass' if survival > 0.5 else 'fail'}: above 1/2]")
    top = peaks(years, s["strain"])[:len(CRISES)]
    print("largest strain peaks: " + ", ".join(f"{y} ({h:.5f})" for h, y in top))
    matched = 0
    for (first, last), name in CRISES:
        near = [y for _, y in top if first - 1 <= y <= last + 1]
        matched += bool(near)
        print(f"  {name}: {'peak in ' + str(near[0]) if near else 'no peak within a year'}")
    print(f"crisis windows with a peak within a year: {matched} of {len(CRISES)}  "
          f"[{'pass' if matched >= 4 else 'fail'}: at least 4]")
    before, carter = v("strain.ROK", 1976), max(v("strain.ROK", 1977), v("strain.ROK", 1978))
    print(f"ROK strain 1976 {before:.5f} -> 1977-78 max {carter:.5f}; abandonment.ROK 1976 "
          f"{v('abandonment.ROK', 1976):.4f} -> 1977 {v('abandonment.ROK', 1977):.4f}  "
          f"[{'pass' if carter > before else 'fail'}: rises]")
    crisis = sum(v("strain", y) for y in (2004, 2005, 2006)) / 3
    after = sum(v("strain", y) for y in (2008, 2009, 2010)) / 3
    print(f"strain mean 2004-06 {crisis:.5f} -> 2008-10 {after:.5f}; 2005 {v('strain', 2005):.5f} -> 2010 "
          f"{v('strain', 2010):.5f}  [{'pass' if after < crisis else 'fail'}: falls after the 2006-08 renegotiations]")
    print()


def compare(model, base, a, b, members=("US", "ROK")):
    """How far strain and net values under `model` are from those under `base`, year by year.

    Besides the absolute differences the guide's criterion counts (more than 0.01), the hazard
    ratio: hazards are compared as ratios in event-history work (Box-Steffensmeier & Jones 2004,
    ch. 3), and a strain near the ATOP base rate of 0.0025 can differ by 0.01 only where a member's
    net value is near or below zero. Ratios
    are counted only where either hazard is at least 1e-5, so that two negligible hazards do not
    count as different.
    """
    h, g = a["strain"], b["strain"]
    diff = [abs(x - y) for x, y in zip(h, g)]
    ratio = [max(x, y) / min(x, y) if min(x, y) > 0 else float("inf") for x, y in zip(h, g)]
    material = [r for r, x, y in zip(ratio, h, g) if max(x, y) >= 1e-5]
    print(f"== {model} against {base}, {len(h)} years")
    print(f"strain: largest difference {max(diff):.5f}; years differing by > 0.01: {sum(d > 0.01 for d in diff)}"
          f" [{'pass' if sum(d > 0.01 for d in diff) >= 10 else 'fail'}: at least 10]; by > 1e-4: "
          f"{sum(d > 1e-4 for d in diff)}; by > 1e-5: {sum(d > 1e-5 for d in diff)}")
    print(f"strain, hazard ratio in the {len(material)} years where either is >= 1e-5: ratio >= 1.5 in "
          f"{sum(r >= 1.5 for r in material)}, >= 2 in {sum(r >= 2 for r in material)}")
    for m in members:
        nv = [abs(x - y) for x, y in zip(a[f"net_value.{m}"], b[f"net_value.{m}"])]
        print(f"net_value.{m}: largest difference {max(nv):.4f}; years differing by > 0.01: {sum(d > 0.01 for d in nv)}")
    print()


def main(argv):
    args = [a for a in argv if not a.startswith("-")]
    models = [argv[i + 1] for i, a in enumerate(argv) if a == "-m"] or ["median", "mean", "eu", "smp"]
    args = [a for a in args if a not in models]
    entente = args[0] if args else "build/entente"
    scenario = args[1] if len(args) > 1 else "scenarios/korea.yaml"
    runs = {model: run(entente, scenario, model) for model in set(models) | {"mean"}}
    for model in models:
        check(entente, scenario, model, *runs[model])
    for model in models:
        if model != "mean":
            compare(model, "mean", runs[model][1], runs["mean"][1])


if __name__ == "__main__":
    main(sys.argv[1:])
