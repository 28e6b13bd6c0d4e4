#!/usr/bin/env python3
"""The calibration plot of the every-pact benchmark (docs/evidence.md): per forecaster, the mean
forecast of each decile of test dyad-years against the share that ended, on log axes, with the
diagonal. Reads the calibration.csv that `entente benchmark alliances -o DIR` writes.

Usage: tools/pacts_calibration_plot.py DIR/calibration.csv OUT.svg
"""
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

LABELS = {"base_rate": "base rate", "logit": "logit hazard", "alliance_model": "alliance model"}


def main(source, target):
    table = pd.read_csv(source)
    fig, ax = plt.subplots(figsize=(6, 4.5))
    floor = 1e-4  # a decile with no end is drawn on the floor, marked open
    for name, rows in table.groupby("forecaster", sort=False):
        seen = rows["observed"].clip(lower=floor)
        line, = ax.plot(rows["mean_forecast"], seen, marker="o", label=LABELS.get(name, name))
        empty = rows["observed"] == 0
        ax.plot(rows["mean_forecast"][empty], seen[empty], marker="o", linestyle="none",
                markerfacecolor="white", color=line.get_color())
    low = min(table["mean_forecast"].min(), floor)
    high = max(table["mean_forecast"].max(), table["observed"].max())
    ax.plot([low, high], [low, high], color="grey", linestyle="--", linewidth=1, label="perfect calibration")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("mean forecast of the decile (per dyad-year)")
    ax.set_ylabel("share of the decile's dyad-years that ended")
    ax.set_title("Defence pledges, test years 1981-2010: deciles of each forecast")
    ax.legend(fontsize=8)
    ax.text(0.99, 0.01, f"open: no end in the decile (drawn at {floor:g})", transform=ax.transAxes,
            ha="right", va="bottom", fontsize=7, color="grey")
    fig.tight_layout()
    fig.savefig(target, metadata={"Date": None})


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
