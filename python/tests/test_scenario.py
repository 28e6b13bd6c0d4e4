"""Scenarios built in Python (from DataFrames and dicts) meet the checks files meet, give the
results the same scenario gives from a file, and errors carry file, line and field."""
import json

import numpy as np
import pandas as pd
import pytest

import entente
from conftest import EC_EMISSIONS, KOREA_2003, KTAB, ROOT, cli_json


@pytest.mark.parametrize("path", [KOREA_2003, EC_EMISSIONS, KTAB[0]], ids=lambda p: p.stem)
def test_frames_round_trip(path):
    """A scenario's own tables, fed back in, are the same scenario: the same forecast bits."""
    loaded = entente.load(path)
    rebuilt = entente.Scenario(loaded.actors, loaded.issues, loaded.stances, name=loaded.name, seed=loaded.seed)
    assert rebuilt.kind == "one-year"
    pd.testing.assert_frame_equal(rebuilt.actors, loaded.actors)
    pd.testing.assert_frame_equal(rebuilt.stances, loaded.stances)
    for spec in ("smp", "eu", "mean"):
        a, b = entente.forecast(loaded, spec), entente.forecast(rebuilt, spec)
        assert np.array_equal(a.positions, b.positions), spec


def test_dicts_and_frames_are_one_scenario():
    actors = {"A": {"capability": 1}, "B": {"capability": 2}, "C": {"capability": 3}}
    stances = pd.DataFrame({"actor": ["A", "B", "C"], "issue": "tax", "position": [10, 50, 90],
                            "salience": [50, 60, 70]})
    from_frames = entente.Scenario(pd.DataFrame({"name": list(actors), "capability": [1, 2, 3]}),
                                   pd.DataFrame({"name": ["tax"], "scale_min": [0], "scale_max": [100]}), stances)
    from_dicts = entente.Scenario(actors, [{"name": "tax"}], stances.to_dict("records"))
    doc = {"name": "scenario", "actors": [{"name": k, **v} for k, v in actors.items()],
           "issues": [{"name": "tax", "stances": {r.actor: {"position": r.position, "salience": r.salience}
                                                  for r in stances.itertuples()}}]}
    from_doc = entente.Scenario.from_dict(doc)
    # The weighted mean by hand: Σ c·s·x / Σ c·s.
    weights = np.array([1 * 50, 2 * 60, 3 * 70])
    expected = (weights * np.array([10, 50, 90])).sum() / weights.sum()
    for s in (from_frames, from_dicts, from_doc):
        assert entente.forecast(s, "mean").outcome[0] == pytest.approx(expected, rel=1e-15)
    assert np.array_equal(entente.forecast(from_frames, "smp").positions, entente.forecast(from_doc, "smp").positions)


def test_built_scenario_errors_name_every_field():
    with pytest.raises(entente.InputError) as caught:
        entente.Scenario([{"name": "A", "capability": -1}, {"name": "B", "capability": 1}], [{"name": "tax"}],
                         [{"actor": "A", "issue": "tax", "position": 500, "salience": 50},
                          {"actor": "B", "issue": "tax", "position": 50, "salience": 150}])
    fields = {d.field for d in caught.value.diagnostics}
    assert {"actors.A.capability", "stances.tax.A.position", "stances.tax.B.salience"} <= fields
    assert all(d.file == "<python>" and d.line == 0 for d in caught.value.diagnostics)
    assert isinstance(caught.value, ValueError) and isinstance(caught.value, entente.Error)
    with pytest.raises(entente.InputError, match="unknown issue 'nope'"):
        entente.Scenario([{"name": "A", "capability": 1}], [{"name": "tax"}],
                         [{"actor": "A", "issue": "nope", "position": 5, "salience": 5}])
    with pytest.raises(entente.InputError) as caught:
        entente.Scenario([{"name": "A", "capability": 1}], [{"name": "tax"}], None, colour="blue")
    assert "colour" in {d.field for d in caught.value.diagnostics}


def test_file_errors_carry_file_line_and_field(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("name: broken\n"
                    "actors:\n"
                    "  - {name: A, capability: 1}\n"
                    "  - {name: B, capability: lots}\n"
                    "issues:\n"
                    "  - name: tax\n"
                    "    stances:\n"
                    "      A: {position: 10, salience: 50}\n"
                    "      B: {position: 90, salience: 50}\n")
    with pytest.raises(entente.InputError) as caught:
        entente.load(path)
    d = caught.value.diagnostics[0]
    assert (d.file, d.line, d.field) == (str(path), 4, "actors.B.capability")
    assert str(path) + ":4:" in str(caught.value)
    with pytest.raises(entente.InputError):
        entente.load(tmp_path / "missing.yaml")


def test_spec_errors():
    with pytest.raises(entente.SpecError, match="rounds"):
        entente.model("eu(rounds=0)")
    with pytest.raises(entente.SpecError):
        entente.forecast(KOREA_2003, "no-such-model")
    with pytest.raises(entente.SpecError, match="time-stepped"):
        entente.forecast(ROOT / "scenarios/korea.yaml")
    with pytest.raises(entente.SpecError, match="one-year"):
        entente.run(KOREA_2003)
    with pytest.raises(entente.SpecError, match="horizon"):
        entente.run(ROOT / "scenarios/korea.yaml", to_year=2200)
    with pytest.raises(entente.SpecError):
        entente.explain(ROOT / "scenarios/korea.yaml", 2003, 1992)


def small_timeline():
    """A time-stepped scenario written in Python: plain-number capabilities, two events."""
    actors = pd.DataFrame({"name": ["P", "C", "A"], "capability": [0.5, 0.1, 0.2], "democracy": [0.9, 0.7, 0.0]})
    issues = pd.DataFrame({"name": ["aim", "way"], "role": ["goal", "strategy"], "owner": ["C", "C"],
                           "low": ["pressure", "coerce"], "high": ["peace", "engage"]})
    stances = pd.DataFrame({"actor": ["P", "C", "A"] * 2, "issue": ["aim"] * 3 + ["way"] * 3,
                            "position": [20, 30, 90, 25, 40, 95], "salience": [30, 40, 50, 30, 40, 40]})
    events = pd.DataFrame([
        {"name": "lead", "date": "2002-03", "tags": ["role"], "source": "test",
         "set": [{"leadership": {"issue": "way", "share": 0.8}}]},
        {"name": "turn", "date": "2004", "tags": ["goals"], "source": "test",
         "set": [{"stance": {"holder": "C", "issue": "aim", "position": 70}}]},
    ])
    sections = dict(name="small", seed=3, time={"start": 2000, "end": 2008, "horizon": 2010},
                    alliance={"patron": "P", "client": "C", "adversary": "A", "troops": 20000,
                              "leadership": {"aim": 0.4, "way": 0.4},
                              "publics": {"P": {"anchor": 0.6}, "C": {"anchor": 0.7}}})
    return actors, issues, stances, events, sections


def test_time_stepped_scenario_from_frames_matches_the_same_file(tmp_path):
    actors, issues, stances, events, sections = small_timeline()
    built = entente.Scenario(actors, issues, stances, events=events, **sections)
    assert built.kind == "time-stepped" and built.start_year == 2000 and built.horizon_year == 2010
    assert built.events["name"].tolist() == ["lead", "turn"]
    # The same document as a file (JSON is YAML), run by the command line.
    path = tmp_path / "small.yaml"
    path.write_text(built.source)
    reference = cli_json("run", path, "--to", 2010)
    run = entente.run(built, to_year=2010)
    for name in run.series_names:
        assert np.array_equal(run[name], np.array(reference["series"][name])), name
    assert run.events.to_dict("list") == {"year": [2002, 2004], "event": ["lead", "turn"]}
    e = entente.explain(built, 2001, 2006)
    assert set(e.groups) == {"role", "goals", "ascendancy"}
    assert sum(e["strain"].shapley.values()) == pytest.approx(e["strain"].total_change, abs=1e-12)


def test_time_stepped_errors_name_the_event():
    actors, issues, stances, events, sections = small_timeline()
    events.loc[1, "date"] = "2003-02-31"
    with pytest.raises(entente.InputError) as caught:
        entente.Scenario(actors, issues, stances, events=events, **sections)
    assert any("date" in d.field for d in caught.value.diagnostics)


def test_scenario_tables(korea):
    assert korea.kind == "time-stepped"
    assert korea.actors["name"].tolist()[:2] == ["US", "ROK"]
    assert set(korea.stances.columns) == {"actor", "issue", "position", "salience"}
    assert "ROK-conservative" in set(korea.stances["actor"])  # factions hold stances too
    assert len(korea.events) > 0 and korea.policies and korea.claims
    assert set(entente.series(korea)["series"]) >= {"strain", "net_value.ROK"}
    assert json.loads(json.dumps(korea.alliance_params))["retreat_years"] >= 1
    assert entente.load(KOREA_2003).start_year is None


def test_a_forecast_json_reruns_itself(tmp_path):
    """load() reads every input format, an Entente forecast JSON among them: its input, model
    and seed, so forecasting it again gives the same history."""
    first = entente.forecast(KOREA_2003, "smp(voting=binary)", seed=2)
    path = tmp_path / "forecast.json"
    path.write_text(first.to_json())
    again = entente.load(path)
    assert again.model == first.model and again.seed == 2
    rerun = entente.forecast(again)
    assert rerun.model == first.model and np.array_equal(rerun.positions, first.positions)
