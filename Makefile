# Two commands do all set-up: `make lab` (open the course) and `make test` (run every test).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
NOTEBOOKS ?= $(wildcard notebooks/*.ipynb)
SEEDS ?=
LAB_DIR ?= notebooks
STUDENT_DIR ?= student
SLIDES_DIR ?= build/slides
STUDENT_SLIDES_DIR ?= build/slides-student

.PHONY: lab test unit notebooks lint strip hooks bench constraints readme student assignments hub-proxy hub retarget slides student-slides site browser-check clean

# constraints.txt pins the versions the benchmarks were measured with (Python 3.11); other Pythons resolve afresh.
CONSTRAINTS ?= $(if $(filter 3.11,$(shell $(PYTHON) -c 'import sys; print("%d.%d" % sys.version_info[:2])')),constraints.txt)

$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if (3, 10) <= sys.version_info[:2] <= (3, 13) else "Python 3.10 to 3.13 is needed (TensorFlow has wheels for those); set PYTHON=python3.x")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[lab,dev]" $(if $(CONSTRAINTS),--constraint $(CONSTRAINTS))
	@touch $(STAMP)

ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root)  # containers and Colab-like machines run as root

LAB_CONFIG := $(if $(INSTRUCTOR),,JUPYTER_CONFIG_PATH="$(CURDIR)/jupyter/lab$(if $(JUPYTER_CONFIG_PATH),:$(JUPYTER_CONFIG_PATH))")

lab: $(STAMP)             ## open JupyterLab on the lectures (LAB_DIR=student: on the student copies; INSTRUCTOR=1: with nbgrader)
	$(LAB_CONFIG) $(BIN)/jupyter lab $(LAB_DIR) $(ROOT_FLAG) $(LAB_ARGS)

EXERCISE_RUNS := build/exercise-runs

test: $(STAMP)            ## unit tests, convention tests and every notebook in fast mode, its exercises put to the test
	$(BIN)/python scripts/exercise_harness.py --out-dir $(EXERCISE_RUNS)
	$(BIN)/python -m pytest -n 2 --dist loadscope --nbval-lax --nbval-current-env $(EXERCISE_RUNS) project tests  # lectures first: the longest runs start first

unit: $(STAMP)            ## unit and convention tests only
	$(BIN)/python -m pytest -n 2 tests

notebooks: $(STAMP)       ## every notebook's exercise run under nbval, fast mode (scripts/exercise_harness.py)
	$(BIN)/python scripts/exercise_harness.py --out-dir $(EXERCISE_RUNS)
	$(BIN)/python -m pytest -n 2 --dist loadscope --nbval-lax --nbval-current-env $(EXERCISE_RUNS) project

lint: $(STAMP)
	$(BIN)/ruff check course_utils tests notebooks project scripts benchmarks hub

STRIP_FILES ?= notebooks/*.ipynb project/*.ipynb
STRIP_KEYS := metadata.widgets cell.metadata.execution

strip: $(STAMP)           ## strip outputs and metadata from the notebooks before committing
	$(BIN)/nbstripout --extra-keys "$(STRIP_KEYS)" $(STRIP_FILES)

hooks: $(STAMP)           ## a git filter that strips notebooks as they are committed (this clone only)
	$(BIN)/nbstripout --install
	git config filter.nbstripout.extrakeys "$(STRIP_KEYS)"

bench: $(STAMP)           ## full-mode runs: BENCHMARKS.md and benchmarks/results.json
	$(BIN)/python benchmarks/run.py $(NOTEBOOKS) $(if $(SEEDS),--seeds $(SEEDS))

constraints: $(STAMP)     ## pin the versions in .venv (after an upgrade) into constraints.txt
	{ sed -n '1,2p' constraints.txt; $(BIN)/python -m pip freeze --exclude-editable; } > constraints.txt.new
	mv constraints.txt.new constraints.txt

readme: $(STAMP)          ## regenerate the README's lecture table from notebooks/ and the benchmarks
	$(BIN)/python scripts/update_readme.py

student: $(STAMP)         ## student copies in student/ (committed): nbgrader stubs the solutions, badges open the copies
	$(BIN)/python scripts/make_student.py --out-dir $(STUDENT_DIR) $(NOTEBOOKS)

COURSE_DIR ?= build/course
EXCHANGE ?= /srv/nbgrader/exchange

assignments: $(STAMP)     ## nbgrader's course in COURSE_DIR (source/, release/, nbgrader_config.py) from the lectures and the project
	$(BIN)/python scripts/make_assignments.py --course-dir $(COURSE_DIR) --exchange $(EXCHANGE) --generate

# JupyterHub's proxy is an npm package: installed once, at the versions of hub/package-lock.json, into build/hub/.
HUB_DIR := build/hub
HUB_PROXY := $(HUB_DIR)/node_modules/.package-lock.json

$(HUB_PROXY): hub/package.json hub/package-lock.json hub/.npmrc
	@command -v npm >/dev/null || { echo "the hub's proxy is installed with npm, once: install Node.js and npm (apt-get install npm)"; exit 1; }
	mkdir -p $(HUB_DIR) && cp hub/package.json hub/package-lock.json hub/.npmrc $(HUB_DIR)/
	cd $(HUB_DIR) && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error

hub-proxy: $(HUB_PROXY)   ## JupyterHub's proxy (configurable-http-proxy) from npm into build/hub/, once

hub: $(STAMP) $(HUB_PROXY) ## a JupyterHub for a class on this machine (hub/README.md; run as root, students log in with their accounts)
	mkdir -p $${COURSE_HUB_STATE:-/srv/jupyterhub}
	cd $${COURSE_HUB_STATE:-/srv/jupyterhub} && PATH="$(abspath $(BIN)):$$PATH" $(abspath $(BIN))/jupyterhub -f $(CURDIR)/hub/jupyterhub_config.py

retarget: $(STAMP)        ## point every badge and Colab install at REF (a release tag vX.Y.Z) and, for a fork, REPO
	$(BIN)/python scripts/retarget.py --ref $(REF) $(if $(REPO),--repo $(REPO))

# The decks load reveal.js, MathJax, require.js, jQuery and fonts from copies in their own folder (offline):
# npm installs them once, at the versions of slides/package-lock.json; after that no build needs a network.
SLIDES_VENDOR := build/slides-vendor
SLIDES_LIBS := $(SLIDES_VENDOR)/node_modules/.package-lock.json
SLIDES = COURSE_FAST=$(if $(FULL),0,1) $(BIN)/python scripts/build_slides.py --vendor $(SLIDES_VENDOR)/node_modules

$(SLIDES_LIBS): slides/package.json slides/package-lock.json slides/.npmrc
	@command -v npm >/dev/null || { echo "make slides installs reveal.js and MathJax with npm, once: install Node.js and npm (apt-get install npm)"; exit 1; }
	mkdir -p $(SLIDES_VENDOR) && cp slides/package.json slides/package-lock.json slides/.npmrc $(SLIDES_VENDOR)/
	cd $(SLIDES_VENDOR) && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error

slides: $(STAMP) $(SLIDES_LIBS)    ## instructor decks (with solutions) in build/slides/, offline, fast mode (FULL=1: full mode)
	$(SLIDES) --out-dir $(SLIDES_DIR) $(NOTEBOOKS)

student-slides: $(STAMP) $(SLIDES_LIBS)  ## student decks (no solutions) from student/ in build/slides-student/, offline
	$(SLIDES) --student --out-dir $(STUDENT_SLIDES_DIR) $(patsubst notebooks/%,$(STUDENT_DIR)/%,$(NOTEBOOKS))

# The website shows each lecture as `make bench` executed it (full mode, seed 42), with MathJax from the same npm
# packages as the decks. FAST=1: a lecture without such a run is executed in fast mode (cached in SITE_RUNS).
BENCH_DIR ?= build/bench
SITE_DIR ?= build/site
SITE_RUNS ?= build/site-runs

site: $(STAMP) $(SLIDES_LIBS)     ## the course website in build/site/, every lecture with its make bench outputs (FAST=1: fast-mode runs for lectures without one)
	$(BIN)/python scripts/build_site.py --executed $(BENCH_DIR) --runs $(SITE_RUNS) --out-dir $(SITE_DIR) --vendor $(SLIDES_VENDOR)/node_modules $(if $(filter 1 true yes,$(FAST)),--fast)

browser-check: $(STAMP)   ## JupyterLab in headless Chromium: open lecture 02, run all cells, screenshots in build/ (REFRESH=1: docs/)
	$(BIN)/python scripts/browser_check.py $(if $(REFRESH),--refresh-screenshots)

clean:
	rm -rf artifacts build .pytest_cache
