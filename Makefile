# Two commands do everything: `make run` and `make test`. Python 3.11+ is all they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Production installs requirements.lock alone; development and the tests need both files.
LOCKS := requirements.lock requirements-dev.lock
STAMP := $(VENV)/.installed-$(shell cat $(LOCKS) | cksum | cut -d' ' -f1)

.PHONY: run test format messages bench loadtest clean

$(STAMP): $(LOCKS)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock -r requirements-dev.lock
	rm -f $(VENV)/.installed-* && touch $@

run: export DJANGO_DEBUG ?= 1
# honcho hands PORT to the web process (its own default is 5000); `PORT=8001 make run` runs a second checkout beside the first.
run: export PORT ?= 8000
run: $(STAMP)
	mkdir -p var/broker/queue var/broker/processed
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py load_demo_data
	$(BIN)/honcho -f Procfile start

# One test process per core (pytest-xdist); each has its own database and Redis database.
# worksteal: a process that runs out of tests takes some of the other's, so the long fault
# drills at the end do not leave one core idle for minutes.
test: TEST_WORKERS ?= auto
test: $(STAMP)
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/mypy
	DJANGO_SETTINGS_MODULE=tests.settings $(BIN)/python manage.py makemigrations --check --dry-run > /dev/null || (echo "Model changes without a migration"; exit 1)
	$(BIN)/pytest -n $(TEST_WORKERS) --dist worksteal

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

messages: export DJANGO_DEBUG ?= 1
messages: $(STAMP)
	$(BIN)/python manage.py makemessages -l sv -l en --ignore=.venv --ignore=var --ignore=tests
	$(BIN)/python manage.py compilemessages --ignore=.venv

bench: $(STAMP)
	$(BIN)/python -m tests.bench

# gunicorn, a Celery worker and a local SMTP server under 60 s of mixed traffic (see tests/load).
loadtest: $(STAMP)
	$(BIN)/python -m tests.load

clean:
	rm -rf $(VENV) var
