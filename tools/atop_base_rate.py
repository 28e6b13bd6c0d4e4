#!/usr/bin/env python3
"""The base rate of defence-pact termination behind the alliance model's exit_base_rate.

Counts undirected dyad-years with an ATOP defence pledge (either direction) in year t, both
states in the system in t + 1 (COW NMC state-years), and whether the pledge is gone in t + 1.
Usage: tools/atop_base_rate.py ATOP_DDY_CSV NMC_CSV  (shared/data/world/atop51_ddy_all.csv,
nmc60_all.csv). Prints ended / at risk for 1946–2015, for US dyads, and for 1816–2015, and the
per-member rate 1 − √(1 − dyad rate) (docs/models/alliance.md, "Hazard").
"""
import csv
import math
import sys


def main(atop, nmc):
    exists = {(int(r["ccode"]), int(r["year"])) for r in csv.DictReader(open(nmc))}
    pledge = set()
    for r in csv.DictReader(open(atop)):
        if r["atop_defense"] == "1":
            a, b = sorted((int(r["ccode1"]), int(r["ccode2"])))
            pledge.add((a, b, int(r["year"])))

    def rate(first, last, with_us=False):
        at_risk = ended = 0
        for a, b, y in pledge:
            if not first <= y <= last or (with_us and 2 not in (a, b)):
                continue
            if (a, y + 1) not in exists or (b, y + 1) not in exists:
                continue
            at_risk += 1
            ended += (a, b, y + 1) not in pledge
        return ended, at_risk

    for label, args in [("1946-2015", (1946, 2015)), ("1946-2015, US dyads", (1946, 2015, True)),
                        ("1816-2015", (1816, 2015))]:
        e, n = rate(*args)
        dyad = e / n
        print(f"{label}: {e} of {n} defence dyad-years end, {dyad:.5f} a year; per member {1 - math.sqrt(1 - dyad):.5f}")


if __name__ == "__main__":
    main(*sys.argv[1:3])
