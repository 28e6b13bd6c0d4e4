"""Shared fixtures of the Python tests: the source tree, the command line beside the module,
and a way to run the command line and read its JSON.

Run with `/usr/bin/python3 -m pytest python/tests` after `make python`; ctest runs them
with PYTHONPATH, ENTENTE_CLI and ENTENTE_SOURCE_DIR set.
"""
import json
import os
import pathlib
import subprocess
import sys

import pytest

ROOT = pathlib.Path(os.environ.get("ENTENTE_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))
BUILD = ROOT / "build"
CLI = pathlib.Path(os.environ.get("ENTENTE_CLI", BUILD / "entente"))
if not any(pathlib.Path(p).resolve() == (BUILD / "python").resolve() for p in sys.path if p):
    sys.path.insert(0, str(BUILD / "python"))
os.environ.setdefault("MPLBACKEND", "Agg")

KTAB = sorted((ROOT / "tests/data/reference/ktab").glob("*.csv"))
EC_EMISSIONS = ROOT / "tests/data/reference/eu/ec-emissions.csv"
KOREA = ROOT / "scenarios/korea.yaml"
KOREA_2003 = ROOT / "scenarios/korea-2003.yaml"


def cli_text(*args):
    """The command line's standard output for `entente ARGS` (fails the test on an error)."""
    done = subprocess.run([str(CLI), *map(str, args)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, f"entente {' '.join(map(str, args))}: exit {done.returncode}\n{done.stderr}"
    return done.stdout


def cli_json(*args):
    return json.loads(cli_text(*args, "--format", "json"))


@pytest.fixture(scope="session")
def root():
    return ROOT


@pytest.fixture(scope="session")
def korea():
    import entente
    return entente.load(KOREA)
