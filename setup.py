"""Builds the Python module `entente` with CMake, for `pip install .` (see pyproject.toml).

The extension is the CMake target entente_python (python/CMakeLists.txt): it is configured with
ENTENTE_PYTHON=ON in a build folder of its own under build/pip, built, and its .so copied into
the wheel beside python/entente/*.py. ENTENTE_CMAKE_BUILD_DIR=<folder> builds in an existing
CMake build folder instead (the tests use build/, so nothing is compiled twice).
"""
import os
import pathlib
import re
import shutil
import subprocess
import sys

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

ROOT = pathlib.Path(__file__).resolve().parent
VERSION = re.search(r"project\(entente VERSION ([0-9.]+)", (ROOT / "CMakeLists.txt").read_text()).group(1)


class CMakeExtension(Extension):
    def __init__(self, name):
        super().__init__(name, sources=[])


class CMakeBuild(build_ext):
    def build_extension(self, ext):
        reuse = os.environ.get("ENTENTE_CMAKE_BUILD_DIR")
        build_dir = pathlib.Path(reuse).resolve() if reuse else pathlib.Path(self.build_temp).resolve() / "cmake"
        configure = ["cmake", "-S", str(ROOT), "-B", str(build_dir), "-DENTENTE_PYTHON=ON"]
        if not reuse:  # a folder of its own: release, no benchmarks, this interpreter
            configure += ["-DCMAKE_BUILD_TYPE=Release", "-DENTENTE_BENCH=OFF",
                          f"-DPython_EXECUTABLE={os.path.realpath(sys.executable)}"]
        subprocess.run(configure, check=True)
        jobs = os.environ.get("CMAKE_BUILD_PARALLEL_LEVEL") or str(os.cpu_count() or 1)
        subprocess.run(["cmake", "--build", str(build_dir), "--target", "entente_python", "-j", jobs], check=True)
        target = pathlib.Path(self.get_ext_fullpath(ext.name))
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(build_dir / "python" / "entente" / target.name, target)


setup(
    version=VERSION,
    packages=["entente"],
    package_dir={"": "python"},
    ext_modules=[CMakeExtension("entente._entente")],
    cmdclass={"build_ext": CMakeBuild},
    # setuptools' own files go under build/ (ignored by git), not beside the sources.
    options={"build": {"build_base": "build/pip"}, "egg_info": {"egg_base": "build/pip"}},
    zip_safe=False,
)
