#!/usr/bin/env python3
"""Where the real coding stands among the placebo shuffles of a backtest (docs/evidence.md).

    entente backtest scenarios/cases scenarios/korea.yaml --posterior data/posterior.json \
        --leave-one-out --placebo -f json -o bt.json
    python3 tools/placebo_ranks.py bt.json

Per fit, each shuffle's cases are scored alone (Brier; log score with forecasts clamped to
[1e-6, 1 - 1e-6], as the backtest clamps them), and the real coding's scores are compared
with the shuffles'.
"""
import json
import math
import sys
from collections import defaultdict

CLAMP = 1e-6


def brier(rows):
    return sum((r["p_break"] - (r["result"] == "broke")) ** 2 for r in rows) / len(rows)


def log_score(rows):
    def one(r):
        p = min(max(r["p_break"], CLAMP), 1 - CLAMP)
        return math.log(p) if r["result"] == "broke" else math.log(1 - p)
    return sum(one(r) for r in rows) / len(rows)


def main(path):
    cases = json.load(open(path))["cases"]
    for fit in ("in_sample", "held_out"):
        real = [r for r in cases if r["fit"] == fit and r["coding"] == "real"]
        shuffles = defaultdict(list)
        for r in cases:
            if r["fit"] == fit and r["coding"] == "placebo":
                shuffles[r["shuffle"]].append(r)
        if not real or not shuffles:
            continue
        b = [brier(rows) for rows in shuffles.values()]
        s = [log_score(rows) for rows in shuffles.values()]
        print(f"{fit}: real Brier {brier(real):.3f}, better than {sum(x > brier(real) for x in b)} of {len(b)} "
              f"shuffles (their range {min(b):.3f}-{max(b):.3f}); real log score {log_score(real):.3f}, "
              f"better than {sum(x < log_score(real) for x in s)} of {len(s)} ({min(s):.3f} to {max(s):.3f})")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: tools/placebo_ranks.py BACKTEST.json")
    main(sys.argv[1])
