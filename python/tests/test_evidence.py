"""entente.calibrate, entente.backtest and Scenario.with_posterior give what the command line
gives: the posterior file byte for byte, the backtest's tables cell for cell, a run under a
posterior number for number. The test cases are tests/data/cases (small, not history)."""
import json

import numpy as np
import pytest

import entente
from conftest import KOREA, ROOT, cli_json, cli_text

CASES = ROOT / "tests/data/cases"
SMALL = dict(seed=11, draws=60, chains=3)
SMALL_ARGS = ["--seed", "11", "--draws", "60", "--chains", "3"]


def rows(frame):
    """A DataFrame's records with its empty cells as None, as the command line's JSON has them."""
    return frame.astype(object).where(frame.notna(), None).to_dict("records")


@pytest.fixture(scope="module")
def posterior(tmp_path_factory):
    return entente.calibrate(CASES, threads=2, **SMALL)


def test_calibrate_writes_the_command_lines_file(posterior, tmp_path):
    reference = tmp_path / "cli.json"
    cli_text("calibrate", CASES, *SMALL_ARGS, "-j", "1", "--output", reference, "--quiet")
    assert posterior.to_json() == reference.read_text()
    saved = tmp_path / "py.json"
    posterior.save(saved)
    assert saved.read_bytes() == reference.read_bytes()


def test_posterior_frames(posterior):
    doc = json.loads(posterior.to_json())
    summary = posterior.summary
    assert summary["parameter"].tolist() == [p["name"] for p in doc["parameters"]]
    assert summary["median"].tolist() == [p["median"] for p in doc["parameters"]]
    assert summary["rhat"].tolist() == [p["rhat"] for p in doc["parameters"]]
    draws = posterior.draws
    assert len(draws) == 3 * 60
    assert draws[doc["draws"]["names"]].to_numpy().tolist() == doc["draws"]["values"]
    assert draws["chain"].tolist() == doc["draws"]["chain"]
    assert posterior.converged == doc["converged"]
    assert posterior.acceptance == doc["acceptance"]["per_chain"]


def test_backtest_tables_are_the_command_lines(posterior, tmp_path):
    path = tmp_path / "post.json"
    posterior.save(path)
    reference = cli_json("backtest", CASES, "--posterior", path, "--placebo", "--runs", "20", *SMALL_ARGS)
    bt = entente.backtest(CASES, posterior=path, placebo=True, runs=20, **SMALL)
    assert rows(bt.cases) == reference["cases"]
    assert rows(bt.scores) == reference["scores"]
    assert bt.fits is None  # no fit of its own under a given posterior
    # The Posterior object stands for its file.
    same = entente.backtest(CASES, posterior=posterior, placebo=True, runs=20, **SMALL)
    assert rows(same.scores) == reference["scores"]
    assert str(same) == cli_text("backtest", CASES, "--posterior", path, "--placebo", "--runs", "20", *SMALL_ARGS)


def test_backtest_fits_its_own_posterior_and_reports_it():
    bt = entente.backtest(CASES, leave_one_out=True, runs=10, **SMALL)
    fits = bt.fits
    assert fits["fit"].tolist() == ["all cases", "without test-broke", "without test-held"]
    assert set(bt.cases["fit"]) == {"in_sample", "held_out"}


def test_with_posterior_runs_as_the_command_line(tmp_path):
    path = ROOT / "data/posterior.json"
    reference = cli_json("run", KOREA, "--posterior", path)
    run = entente.run(entente.load(KOREA).with_posterior(path))
    for name in run.series_names:
        assert np.array_equal(run.at(name), np.array(reference["series"][name], dtype=float)), name
    medians = {p["name"]: p["median"] for p in json.loads(path.read_text())["parameters"]}
    params = entente.load(KOREA).with_posterior(path).alliance_params
    assert all(params[name] == value for name, value in medians.items())


def test_bad_arguments_are_clear():
    with pytest.raises(entente.InputError):
        entente.calibrate(ROOT / "scenarios/korea-2003.yaml", **SMALL)
    with pytest.raises(entente.SpecError):
        entente.backtest(CASES, posterior=42, **SMALL)
    with pytest.raises(entente.SpecError):
        entente.load(ROOT / "scenarios/korea-2003.yaml").with_posterior(ROOT / "data/posterior.json")
