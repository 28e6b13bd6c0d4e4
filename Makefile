# Entente — the front door. `make demo` and `make test` work on a fresh Debian 12 machine as
# root: `make deps` installs exactly the missing Debian packages first.
SHELL := /bin/bash
MAKEFLAGS += --no-print-directory
JOBS ?= $(shell nproc)
BUILD := build
ASAN_BUILD := build-asan
PACKAGES := cmake g++ make pkg-config libyaml-cpp-dev nlohmann-json3-dev libcli11-dev libfmt-dev \
            librandom123-dev libmuparser-dev libgtest-dev libbenchmark-dev \
            libsqlitecpp-dev libsqlite3-dev libxml2-dev \
            pybind11-dev python3-dev python3-numpy python3-pandas python3-pytest python3-matplotlib \
            python3-venv python3-pip python3-setuptools python3-wheel \
            libcpp-httplib-dev chromium openmpi-bin libopenmpi-dev
ENTENTE := $(BUILD)/entente
# libFuzzer over every reader (fuzz/, docs/testing.md): a separate clang build (preset fuzz).
FUZZ_BUILD := build-fuzz
FUZZ_SECONDS ?= 10
FUZZ_PACKAGES := clang-14 libclang-rt-14-dev

.PHONY: all deps configure build cli python test test-asan fuzz demo bench golden posterior clean

# ctest, compact: on a terminal one line that updates in place; elsewhere (CI, a log) only
# the failures with their output and the summary. Either way a failure fails the target.
PASSED_LINES := '^ +Start +[0-9]+: |^ *[0-9]+/[0-9]+ Test +\#[0-9]+: .* Passed +[0-9.]+ sec$$'
compact_ctest = if [ -t 1 ]; then ctest $(1) --progress; \
  else set -o pipefail; ctest $(1) | grep -Ev $(PASSED_LINES); fi

all: build

# Installs only what is missing; a no-op when everything is present.
deps:
	@missing=$$(for p in $(PACKAGES); do \
	    dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; \
	  done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing missing packages:" $$missing; \
	  if [ "$$(id -u)" != 0 ]; then echo "make deps: run as root to install packages" >&2; exit 1; fi; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing </dev/null; \
	fi
	@# The browser tests' driver (package-lock.json pins it); the browser is Debian's chromium.
	@if [ ! -d node_modules/playwright-core ]; then \
	  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --ignore-scripts </dev/null; \
	fi

configure: deps
	@cmake --preset release >/dev/null

build: configure
	@cmake --build --preset release -j $(JOBS)

# Only the command-line programs (what demo and golden run): entente and, beside it,
# entente-serve and entente-mpi, which it hands `serve` and `--mpi` to.
cli: configure
	@cmake --build --preset release -j $(JOBS) --target entente_cli

# The Python module in build/python (PYTHONPATH=build/python /usr/bin/python3 -c 'import entente').
# Configuring with ENTENTE_PYTHON=ON once keeps it on in build/, so `make build` and the test
# `python` (pytest over python/tests, run by ctest) include it from then on.
python: configure
	@cmake --preset release -DENTENTE_PYTHON=ON >/dev/null
	@cmake --build --preset release -j $(JOBS) --target entente_cli entente_python

test: python build
	@$(call compact_ctest,--preset release -j $(JOBS))

# The whole suite under AddressSanitizer and UBSan, but for the browser test (`web`: it drives
# the page through the server, whose C++ API tests run here under the sanitizers) and the
# million-actor hostile inputs (parsing a million rows takes minutes under ASan; they run in
# `make test`, and the readers' caps are fuzzed under ASan by `make fuzz`).
test-asan: deps
	@cmake --preset asan >/dev/null
	@cmake --build --preset asan -j $(JOBS)
	@export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1; \
	  $(call compact_ctest,--preset asan -j $(JOBS) -E '^web$$|^Hostile.AMillionActorsDeclared$$')

# Builds the libFuzzer targets (the `fuzz` preset: clang, -O1, ASan + UBSan; only the
# libraries the readers need) and runs each for FUZZ_SECONDS seconds, one after another
# (fuzz/run.sh; docs/testing.md has the long run). A crash fails the target.
fuzz:
	@$(MAKE) deps PACKAGES="$(PACKAGES) $(FUZZ_PACKAGES)"
	@cmake --preset fuzz >/dev/null
	@cmake --build --preset fuzz -j $(JOBS)
	@fuzz/run.sh $(FUZZ_BUILD) $(FUZZ_SECONDS)

demo: cli
	@echo "== Korea 2003: where bargaining over North Korea policy lands, by model =="
	@$(ENTENTE) forecast scenarios/korea-2003.yaml -m median -m mean -m eu -m smp
	@echo
	@echo "== The US-ROK alliance 1953-2010, year by year =="
	@$(ENTENTE) run scenarios/korea.yaml
	@echo
	@echo "== What drove the rise in strain, 1992-2003 (exact Shapley values) =="
	@$(ENTENTE) explain scenarios/korea.yaml --from 1992 --to 2003
	@echo "== Counterfactual policies, projected to 2015 =="
	@$(ENTENTE) compare scenarios/korea.yaml --from 2000 --to 2015 \
	  --policies status-quo,no-role-reversal,us-adjustment,no-troop-cut,no-incident
	@echo
	@$(ENTENTE) report scenarios/korea.yaml --output demo-report.html
	@echo "== The report with every chart: $(CURDIR)/demo-report.html (open it in a browser) =="
	@echo
	@$(ENTENTE) claims scenarios/korea.yaml --runs 100
	@echo
	@echo "== The dashboard: what-if controls, runs side by side, sweeps: $(ENTENTE) serve (then open http://127.0.0.1:8080/) =="

bench: configure
	@cmake --build --preset release -j $(JOBS) --target entente_bench
	@$(BUILD)/entente_bench --benchmark_min_time=0.2

# Regenerates the golden trace of the default scenario; do it only on purpose and say why
# in the commit.
golden: cli
	@$(ENTENTE) run scenarios/korea.yaml --format json --output tests/data/golden/korea-run.json

# Recalibrates the alliance model on the case library (docs/evidence.md, about 4 minutes on
# 2 cores). The defaults of the fitted parameters in src/alliance/alliance.h are this file's
# medians (tests/evidence/shipped_posterior_test.cpp); recoding a case makes it stale.
posterior: cli
	@$(ENTENTE) calibrate scenarios/cases scenarios/korea.yaml --output data/posterior.json

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD) build-debug
