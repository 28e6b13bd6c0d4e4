"""The model catalogue: every model the command line lists, every parameter with a default
inside its declared range, and results carrying the spec, parameters and seed."""
import pytest

import entente
from conftest import KOREA_2003, cli_text


def test_models_are_the_command_lines():
    listing = cli_text("models")
    infos = entente.models()
    assert [m.name for m in infos] == sorted(m.name for m in infos)
    for m in infos:
        assert m.name in listing and m.summary and m.citation
        for p in m.params:
            assert p.name in listing and p.help


def test_every_default_is_accepted():
    for m in entente.models():
        for p in m.params:
            if p.kind == "choice":
                assert p.default in p.choices and p.min is None
            else:
                assert p.min <= p.default <= p.max, (m.name, p.name)
        # The defaults as a spec load the model with those very values.
        assert entente.model(m.name).params == {p.name: p.default for p in m.params}


def test_parameters_frame():
    frame = entente.model_parameters()
    assert list(frame.columns) == ["model", "parameter", "kind", "default", "min", "max", "choices", "help"]
    assert len(frame) == sum(len(m.params) for m in entente.models())


def test_spec_round_trip():
    m = entente.model("eu( rounds = 12 )")
    assert m.params["rounds"] == 12
    assert entente.model(m.spec).spec == m.spec
    assert m.info.name == "eu"


def test_results_carry_spec_parameters_and_seed():
    f = entente.forecast(KOREA_2003, "smp(voting=binary)", seed=5)
    assert f.model.startswith("smp(") and "voting=binary" in f.model
    assert f.params["voting"] == "binary" and f.seed == 5
    assert entente.forecast(KOREA_2003).model == entente.forecast(KOREA_2003, entente.load(KOREA_2003).model or None).model


def test_model_argument_kinds():
    with pytest.raises(entente.SpecError):
        entente.forecast(KOREA_2003, 42)
    assert entente.forecast(KOREA_2003, entente.model("mean")).model == "mean"
