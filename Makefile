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

# A fresh store from the bundled articles, then the answer of every example query.
demo: $(STAMP)
	@rm -rf $(STORE) && mkdir -p $(OUT)
	@# Piped or logged output has no terminal width to read; give the tables room.
	@[ -t 1 ] || echo "(tables at 160 columns: run in a terminal to fit yours)"
	$(BIN)/kg ingest examples/articles --store $(STORE)
	@for q in examples/queries/*.rq; do \
		echo; echo "== $$q"; sed -n 's/^# \{0,1\}//p;/^PREFIX/q' $$q | grep -v '^PREFIX'; \
		if [ -t 1 ]; then $(BIN)/kg query --file $$q --store $(STORE) || exit 1; \
		else COLUMNS=160 $(BIN)/kg query --file $$q --store $(STORE) || exit 1; fi; \
	done

test: $(STAMP)
	$(BIN)/pytest -q

lint: $(STAMP)
	$(BIN)/ruff check .

bench: $(STAMP)
	@if [ -f bench/run.py ]; then $(BIN)/python bench/run.py; \
	else echo "bench: no bench/run.py yet"; fi

clean:
	rm -rf $(OUT) .pytest_cache .ruff_cache
