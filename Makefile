# Two commands do all the set-up: `make serve` and `make test`. Each first installs the Debian packages
# of .ci/debian-packages.txt that are missing (as root or with sudo; else it says the command to run),
# then creates .venv from requirements.lock when it is missing or out of date.
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-$(shell sha1sum requirements.lock | cut -c1-12)
export NO_MKDOCS_2_WARNING := 1
# Compiled modules are kept (__pycache__/, ignored by git): pytest keeps its rewritten test modules there too,
# so a run does not compile 54 test files and every build's macros/ and hooks/ again (4 s per test worker).
unexport PYTHONDONTWRITEBYTECODE

# pytest-xdist workers for `make test`: one per core; TEST_WORKERS=0 runs the tests in one process.
# --dist load: tests are handed out in collection order, which tests/conftest.py sorts by tier (unit, build,
# site, browser) while the real site builds in the background: both workers run unit tests meanwhile.
TEST_WORKERS ?= auto

.PHONY: serve build test check system system-dry-run figure-diff pin-sources bench lock clean

system:                  ## install the missing Debian packages (.ci/debian-packages.txt); a quick no-op when none is
	@bash .ci/system-packages install

system-dry-run:          ## print which Debian packages are missing and the apt-get command `make system` would run
	@bash .ci/system-packages dry-run

$(STAMP): requirements.lock | system
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --no-deps -r requirements.lock
	rm -f $(VENV)/.installed-* && touch $@

PORT ?= 8000
# The engine of `make build` and `make serve`: mkdocs, or its maintained fork properdocs (MAINTAINING.md, Engines).
ENGINE ?= mkdocs

serve: $(STAMP)          ## build and serve the site at http://127.0.0.1:8000/dossier/ (make serve PORT=8001: another port)
	$(VENV)/bin/$(ENGINE) serve -f mkdocs.yml --dev-addr 127.0.0.1:$(PORT)

build: $(STAMP)          ## build both editions (and PDF briefs) into site/, strictly
	$(VENV)/bin/$(ENGINE) build --strict -f mkdocs.yml

test: $(STAMP)           ## run the whole test suite, on every core (TEST_WORKERS=0: in one process)
	$(PY) -m pytest -n $(TEST_WORKERS) --dist load

check: $(STAMP)          ## check data and pages in seconds (no site build): path:line: id: what — fix
	$(PY) -m macros.check

figure-diff: $(STAMP)    ## figures added/removed/changed between git revisions: make figure-diff BASE=main [HEAD=HEAD]
	$(PY) -m tools.figure_diff $(BASE) $(or $(HEAD),HEAD)

pin-sources: $(STAMP)    ## maintainers: pin the reproduced sources' text (data/source-pins.yml) after reading its diff
	$(PY) -m tools.pin_sources

bench: $(STAMP)          ## benchmarks (BENCH_RUNS=3 BENCH_SIZES=1,10,100 BENCH_ONLY=...): bench/out/report.md + .json
	test -x bench/node_modules/.bin/lighthouse || npm ci --prefix bench --no-audit --no-fund --ignore-scripts \
	  || echo "npm ci failed: the report will say Lighthouse was not run"
	$(PY) -m bench.run

lock:                    ## re-pin requirements.lock from requirements.in
	python3 -m venv /tmp/dossier-lock && /tmp/dossier-lock/bin/pip install -q -r requirements.in \
	  && /tmp/dossier-lock/bin/pip freeze > requirements.lock && rm -rf /tmp/dossier-lock

clean:
	rm -rf site test-artifacts .pytest_cache "$${XDG_CACHE_HOME:-$$HOME/.cache}/kazakhstan-dossier"
