"""The documentation runs: every code block of docs/python.md, in order, as one notebook; and
every public name of the module has a docstring with an example, which runs too."""
import inspect
import os
import re
import textwrap

import pytest

import entente
from conftest import ROOT

TUTORIAL = ROOT / "docs" / "python.md"


def tutorial_cells():
    """The ```python blocks of the tutorial, in order."""
    return re.findall(r"^```python\n(.*?)^```", TUTORIAL.read_text(), flags=re.S | re.M)


def examples(doc):
    """The indented block after 'Example::' in a docstring."""
    found = re.search(r"Example::\n\n((?:    .*\n|\n)+)", doc or "")
    return textwrap.dedent(found.group(1)) if found else None


def public_names():
    return [n for n in entente.__all__ if n not in ("Diagnostic", "Error")]


def test_the_tutorial_runs_end_to_end(monkeypatch):
    monkeypatch.chdir(ROOT)
    cells = tutorial_cells()
    assert len(cells) >= 6
    notebook = {"__name__": "tutorial"}
    for i, cell in enumerate(cells, 1):
        try:
            exec(compile(cell, f"docs/python.md cell {i}", "exec"), notebook)
        except Exception as e:  # name the cell that failed
            raise AssertionError(f"docs/python.md, cell {i} failed: {e!r}\n{cell}") from e
    # What the tutorial's cells leave behind is what they say they make.
    assert (notebook["out"] / "strain.png").stat().st_size > 0


@pytest.mark.parametrize("name", public_names())
def test_public_names_have_a_docstring_with_an_example(name):
    obj = getattr(entente, name)
    doc = inspect.getdoc(obj) if not callable(obj) or inspect.isclass(obj) else obj.__doc__
    assert doc and len(doc.strip()) > 20, f"entente.{name} has no docstring"
    if inspect.isclass(obj) and not issubclass(obj, BaseException):
        return  # a result class: documented by its properties; its function holds the example
    assert examples(obj.__doc__), f"entente.{name}'s docstring has no 'Example::' block"


@pytest.mark.parametrize("name", [n for n in public_names() if examples(getattr(entente, n).__doc__)])
def test_docstring_examples_run(name, monkeypatch, tmp_path):
    monkeypatch.chdir(ROOT)
    code = examples(getattr(entente, name).__doc__)
    code = code.replace("'broken.yaml'", repr(str(tmp_path / "missing.yaml")))
    exec(compile(code, f"entente.{name} example", "exec"), {"entente": entente, "os": os, "out": tmp_path})


def test_result_properties_are_documented():
    for cls in (entente.Forecast, entente.Run, entente.Explanation, entente.Comparison, entente.Claims):
        for attr in ("model", "params", "seed"):
            assert hasattr(cls, attr), f"{cls.__name__} does not carry its {attr}"
    for name, member in inspect.getmembers(entente.Run):
        if isinstance(member, property) and name in ("series", "wide", "values", "years", "retreat_year"):
            assert member.__doc__, f"Run.{name} has no docstring"
