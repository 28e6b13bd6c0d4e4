"""entente.sweep streams the folder `entente sweep` writes, byte for byte, and returns its
typed summary; the result is the same on any thread count and with no folder at all."""
import filecmp

import pandas as pd
import pytest

import entente
from conftest import KOREA, KOREA_2003, cli_text

FILES = ["runs.csv", "summary.csv", "retreat.csv", "sweep.json"]


def cli_sweep(folder, *args):
    cli_text("sweep", *args, "-o", folder)
    return folder


def test_time_stepped_sweep_writes_what_the_cli_writes(tmp_path):
    cli = cli_sweep(tmp_path / "cli", KOREA, "--runs", 40, "--seed", 1, "--to", 2015,
                    "--policies", "no-role-reversal", "-j", 2)
    mine = entente.sweep(KOREA, tmp_path / "py", runs=40, seed=1, to_year=2015, policies=["no-role-reversal"],
                         threads=1)
    for name in FILES:
        assert filecmp.cmp(cli / name, tmp_path / "py" / name, shallow=False), name
    expected = pd.read_csv(cli / "summary.csv", float_precision="round_trip")
    pd.testing.assert_frame_equal(mine.summary, expected, check_exact=True, check_dtype=False)
    retreat = pd.read_csv(cli / "retreat.csv", float_precision="round_trip")
    pd.testing.assert_frame_equal(mine.retreat, retreat, check_exact=True, check_dtype=False)
    assert mine.to_json() == (cli / "sweep.json").read_text()
    assert (mine.kind, mine.runs, mine.seed, mine.to_year, mine.policies) == ("timeline", 40, 1, 2015,
                                                                               ["no-role-reversal"])
    assert mine.model == entente.run(KOREA).model and mine.params == {}
    bands = mine.bands("strain", "no-role-reversal")
    assert list(bands.index) == list(range(1953, 2016))
    assert (bands["q05"] <= bands["q50"]).all() and (bands["q50"] <= bands["q95"]).all()
    runs = mine.read_runs()
    assert len(runs) == 80 and set(runs["policy"]) == {"baseline", "no-role-reversal"}


def test_one_year_sweep(tmp_path):
    cli = cli_sweep(tmp_path / "cli", KOREA_2003, "--runs", 30, "-m", "eu", "--seed", 4)
    mine = entente.sweep(entente.load(KOREA_2003), tmp_path / "py", runs=30, model="eu", seed=4, threads=2)
    for name in ("runs.csv", "summary.csv", "sweep.json"):
        assert filecmp.cmp(cli / name, tmp_path / "py" / name, shallow=False), name
    assert mine.kind == "forecast" and mine.params["rounds"] == entente.model("eu").params["rounds"]
    assert list(mine.summary.columns) == ["series", "mean", "q05", "q50", "q95"]


def test_thread_count_and_folder_do_not_change_the_result(tmp_path):
    one = entente.sweep(KOREA, runs=24, seed=9, threads=1)
    two = entente.sweep(KOREA, tmp_path / "two", runs=24, seed=9, threads=2)
    assert one.folder is None and two.folder == str(tmp_path / "two")
    pd.testing.assert_frame_equal(one.summary, two.summary, check_exact=True)
    assert one.to_json() == two.to_json()


def test_sweep_errors(tmp_path):
    entente.sweep(KOREA, tmp_path / "s", runs=2)
    with pytest.raises(entente.SpecError):  # a sweep is there already
        entente.sweep(KOREA, tmp_path / "s", runs=2, seed=5)
    with pytest.raises(entente.SpecError, match="no policy"):
        entente.sweep(KOREA, runs=2, policies="nope")
    with pytest.raises(entente.SpecError, match="time-stepped"):
        entente.sweep(KOREA_2003, runs=2, policies=["x"])
    with pytest.raises(entente.SpecError):
        entente.sweep(KOREA, runs=2, model="nope")
