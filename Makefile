# One command per job. Everything runs from the project's own virtualenv,
# created on first use from pyproject.toml (Python 3.11+ and pip are all a
# fresh machine needs).

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.kg-installed
OUT    ?= out
STORE  := $(OUT)/kg-store

export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: install demo test lint bench clean

# Reinstall whenever pyproject.toml changes; `make install` forces it.
$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

install:
	@rm -f $(STAMP)
	@$(MAKE) --no-print-directory $(STAMP)

# The main job on the bundled articles: a fresh store, the claims linked and
# audited, the HTML views in $(OUT)/index.html, then every example query's answer.
demo: $(STAMP)
	@rm -rf $(OUT) && mkdir -p $(OUT)
	@# Piped or logged output has no terminal width to read; give the tables room.
	@[ -t 1 ] || echo "(tables at 160 columns: run in a terminal to fit yours)"
	@if [ -t 1 ]; then $(BIN)/kg demo examples/articles --store $(STORE) --out $(OUT); \
	else COLUMNS=160 $(BIN)/kg demo examples/articles --store $(STORE) --out $(OUT); fi
	@for q in examples/queries/*.rq; do \
		echo; echo "== $$q"; sed -n 's/^# \{0,1\}//p;/^PREFIX/q' $$q | grep -v '^PREFIX'; \
		if [ -t 1 ]; then $(BIN)/kg query --file $$q --store $(STORE) || exit 1; \
		else COLUMNS=160 $(BIN)/kg query --file $$q --store $(STORE) || exit 1; fi; \
	done

test: $(STAMP)
	$(BIN)/pytest -q

# ruff, then mypy over kg/ (its settings: [tool.mypy] in pyproject.toml).
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy

# Each benchmark prints its figures beside a baseline measured in the same run
# and writes them to bench/results/ (not committed). The audit's baseline is the
# revision before the packed copies; linking at scale: bench_audit.py --part link.
AUDIT_BASELINE ?= 5cebf07
# The HTML reader's baseline is the hand-written tree walker it replaced.
HTML_BASELINE ?= c4c7893
# Generated articles per size for bench_scale.py (its ratios are measured on the
# smallest size); 10k and 100k take hours on two cores: SCALE_SIZES="1000 10000".
SCALE_SIZES ?= 500
bench: $(STAMP)
	$(BIN)/python bench/bench_extract.py
	$(BIN)/python bench/bench_audit.py --part audit --baseline-rev $(AUDIT_BASELINE)
	$(BIN)/python bench/bench_view.py
	$(BIN)/python bench/bench_html.py --baseline-rev $(HTML_BASELINE)
	$(BIN)/python bench/bench_limits.py
	$(BIN)/python bench/bench_scale.py --sizes $(SCALE_SIZES)

clean:
	rm -rf $(OUT) .pytest_cache .ruff_cache
