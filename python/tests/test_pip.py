"""`pip install .` works offline into a fresh virtual environment with the system's site
packages (Debian's numpy and pandas), and the installed module runs the tutorial's first cell.

setup.py builds the CMake target entente_python; here it builds it in the build folder the
tests run from (ENTENTE_CMAKE_BUILD_DIR), so nothing is compiled a second time. Without that
variable pip configures and builds a folder of its own under build/pip (a few minutes).
"""
import os
import subprocess

import pytest

from conftest import BUILD, ROOT
from test_docs import tutorial_cells

pytestmark = pytest.mark.skipif(not (BUILD / "CMakeCache.txt").exists(), reason="needs the CMake build folder")


def test_pip_install_into_a_fresh_venv(tmp_path):
    venv = tmp_path / "venv"
    subprocess.run(["/usr/bin/python3", "-m", "venv", "--system-site-packages", str(venv)], check=True)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["ENTENTE_CMAKE_BUILD_DIR"] = str(BUILD)
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    done = subprocess.run([str(venv / "bin" / "pip"), "install", "--no-build-isolation", "--no-index", "--quiet",
                           str(ROOT)], env=env, cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    # The installed package, not the build folder's: run from the source root as the tutorial is.
    first = tutorial_cells()[0]
    check = "import entente, sys\nassert entente.__file__.startswith(sys.prefix), entente.__file__\n" + first + \
            "\nprint(run.retreat_year)\n"
    done = subprocess.run([str(venv / "bin" / "python"), "-c", check], env=env, cwd=ROOT, capture_output=True,
                          text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip().splitlines()[-1] == str(
        __import__("entente").run(ROOT / "scenarios/korea.yaml").retreat_year)

