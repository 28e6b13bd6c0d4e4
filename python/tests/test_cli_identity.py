"""Python and the command line give bit-identical numbers: the KTAB samples with smp, the EC
emissions table with eu, and the Korean scenario's run, attribution, comparison and claims.

The command line's JSON numbers are written shortest-round-trip, so json.loads gives back the
very doubles it computed; every comparison here is ==, never approximate. Whatever the models
compute today is what both sides must agree on: no number is written into these tests.
"""
import numpy as np
import pytest

import entente
from conftest import EC_EMISSIONS, KOREA, KTAB, cli_json, cli_text


def assert_forecast_matches(result, reference):
    """A Forecast against the command line's forecast JSON: model, seed, history, outcome."""
    assert result.model == reference["model"]["spec"]
    assert result.seed == reference["seed"]
    assert result.turns == reference["turns"]
    assert result.actors == reference["actors"] and result.issues == reference["issues"]
    history = np.array(reference["history"], dtype=float)  # [turn, actor, issue]
    assert result.positions.shape == history.shape
    assert np.array_equal(result.positions, history)
    assert np.array_equal(result.outcome, np.array([reference["forecast"][i] for i in result.issues]))
    # The tidy history is the same numbers in long form.
    frame = result.history
    assert len(frame) == history.size
    assert np.array_equal(frame["position"].to_numpy(), history.reshape(-1))


@pytest.mark.parametrize("path", KTAB, ids=[p.stem for p in KTAB])
@pytest.mark.parametrize("threads", [1, 2])
def test_ktab_samples_with_smp(path, threads):
    reference = cli_json("forecast", path, "-m", "smp")
    result = entente.forecast(entente.load(path), "smp", threads=threads)
    assert_forecast_matches(result, reference)
    assert result.to_json() == cli_text("forecast", path, "-m", "smp", "--format", "json")


@pytest.mark.parametrize("spec", ["eu", "eu(variant=scholz,rounds=10,tol=0)"])
def test_ec_emissions_with_eu(spec):
    # The reference input of tests/bargaining/eu_test.cpp (Scholz, Calbert & Smith 2011, Table 1).
    reference = cli_json("forecast", EC_EMISSIONS, "-m", spec)
    result = entente.forecast(EC_EMISSIONS, entente.model(spec))
    assert_forecast_matches(result, reference)
    assert result.params == entente.model(spec).params


def test_korea_run(korea):
    reference = cli_json("run", KOREA)
    run = entente.run(korea)
    assert run.model == reference["model"]["spec"]
    assert run.seed == reference["seed"]
    assert run.years.tolist() == reference["years"]
    assert run.series_names == list(reference["series"])
    for j, name in enumerate(run.series_names):
        expected = np.array(reference["series"][name], dtype=float)
        assert np.array_equal(run.at(name), expected), name
        assert np.array_equal(run.values[:, j], expected), name
    tidy = run.series
    assert len(tidy) == len(run.years) * len(run.series_names)
    assert tidy["year"].tolist() == [y for y in reference["years"] for _ in run.series_names]
    assert np.array_equal(tidy["value"].to_numpy(),
                          np.array([reference["series"][s][i] for i in range(len(reference["years"]))
                                    for s in run.series_names]))
    assert run.retreat_year == reference["retreat_year"]
    events = {str(y): list(g["event"]) for y, g in run.events.groupby("year")}
    assert events == reference["events"]
    assert run.to_json() == cli_text("run", KOREA, "--format", "json")


def test_korea_projection_with_another_model(korea):
    reference = cli_json("run", KOREA, "--to", 2015, "-m", "mean", "--seed", 7)
    run = entente.run(korea, "mean", seed=7, to_year=2015)
    assert run.model == reference["model"]["spec"] and run.seed == 7
    assert run.years[-1] == 2015
    assert np.array_equal(run["strain"], np.array(reference["series"]["strain"]))


def test_korea_explain(korea):
    reference = cli_json("explain", KOREA, "--from", 1992, "--to", 2003, "--series", "strain", "net_value.ROK")
    e = entente.explain(korea, 1992, 2003, series=["strain", "net_value.ROK"], threads=2)
    assert e.model == reference["model"]["spec"]
    for a in e.attributions:
        expected = reference["series"][a.series]
        assert a.shapley == expected["shapley"]
        for key in ("start_value", "v_all", "v_none", "total_change", "drift"):
            assert getattr(a, key) == expected[key], key
    assert e.to_json() == cli_text("explain", KOREA, "--from", 1992, "--to", 2003, "--series", "strain",
                                   "net_value.ROK", "--format", "json")


def test_korea_compare(korea):
    policies = korea.policies[:2]
    args = ("compare", KOREA, "--policies", ",".join(policies), "--to", 2015, "--series", "strain")
    reference = cli_json(*args)
    c = entente.compare(korea, policies, to_year=2015)
    assert c.policies == ["baseline", *policies]
    for policy, run in c.runs.items():
        assert np.array_equal(run["strain"], np.array(reference["policies"][policy]["series"]["strain"]))
        assert run.retreat_year == reference["policies"][policy]["retreat_year"]
    assert c.to_json("strain") == cli_text(*args, "--format", "json")


def test_korea_claims(korea):
    reference = cli_json("claims", KOREA, "--runs", 2)
    c = entente.claims(korea, runs=2, threads=2)
    assert [r.id for r in c.results] == [r["id"] for r in reference]
    for mine, theirs in zip(c.results, reference):
        assert mine.holds_baseline == theirs["holds_baseline"]
        assert mine.share_of_runs == theirs["share_of_runs"]
        assert mine.baseline_terms == theirs["terms"]
    assert c.to_json() == cli_text("claims", KOREA, "--runs", 2, "--format", "json")
