#!/usr/bin/env python3
"""The base rate of defence-pact termination behind the alliance model's exit_base_rate.

Counts undirected dyad-years with an ATOP defence pledge (either direction) in year t, both
states in the system in t + 1 (COW NMC state-years), and whether the pledge is gone in t + 1.
Usage: tools/atop_base_rate.py ATOP_DDY_CSV NMC_CSV  (shared/data/world/atop51_ddy_all.csv,
nmc60_all.csv). Prints ended / at risk for 1946–2015, for US dyads, and for 1816–2015, and the
per-member rate 1 − √(1 − dyad rate) (docs/models/alliance.md, "Hazard"). Then, as the
nearest thing ATOP's dyad-years show to a forced renegotiation, how often a defence pledge that
continues into t + 1 changes its other obligations (offense, neutrality, non-aggression,
consultation) between t and t + 1.
"""
import csv
import math
import sys


def main(atop, nmc):
    exists = {(int(r["ccode"]), int(r["year"])) for r in csv.DictReader(open(nmc))}
    pledge = set()
    terms = {}  # (a, b, year) -> the dyad's obligations, as in the row with a < b
    for r in csv.DictReader(open(atop)):
        a, b, y = int(r["ccode1"]), int(r["ccode2"]), int(r["year"])
        if a < b:
            terms[(a, b, y)] = tuple(r[k] for k in ("atop_offense", "atop_neutral", "atop_nonagg", "atop_consul"))
        if r["atop_defense"] == "1":
            a, b = sorted((a, b))
            pledge.add((a, b, y))

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

    continuing = [(a, b, y) for a, b, y in pledge if 1946 <= y <= 2015 and (a, b, y + 1) in pledge]
    changed = sum(terms.get((a, b, y)) != terms.get((a, b, y + 1)) for a, b, y in continuing)
    print(f"1946-2015: {changed} of {len(continuing)} continuing defence dyad-years change their other "
          f"obligations, {changed / len(continuing):.5f} a year")


if __name__ == "__main__":
    main(*sys.argv[1:3])
