# Peel: the two commands are `make run` and `make test` (see README.md).
SHELL := /bin/bash
JOBS ?= $(shell nproc)
DB ?= sqlite:var/peel.db
PORT ?= 8080
SIM_CREDENTIALS ?= var/sim.credentials
# The real data the demo uses when ../shared is beside the project (the synthetic town otherwise).
LONDON_MAP ?= ../shared/data/geo/london-central-2020-07.osm.pbf
CITY_CRIMES ?= ../shared/data/police-uk/2019-01-city-of-london-street.csv
# Per fuzz target in `make test` (eleven targets): long enough to catch a regression near the
# seeds; search deeper with `make fuzz FUZZ_SECONDS=600`.
FUZZ_SECONDS ?= 30

RELEASE := build/release
CI_BUILD := build/ci
FUZZ_BUILD := build/fuzz

.PHONY: all deps build web run test test-unit test-e2e test-asan fuzz bench clean

all: build

# Debian packages (scripts/bootstrap skips what is installed) and npm packages (only when
# package-lock.json changed since the last install).
deps:
	@scripts/bootstrap
	@if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then \
	  npm ci --no-audit --no-fund; fi

web: deps
	npm run build

build: deps web
	cmake --preset release >/dev/null
	cmake --build --preset release -j $(JOBS) --target peel

run: build
	@mkdir -p var
	$(RELEASE)/src/app/peel init --db $(DB)
	@# A map for the demo, unless there is one: central London's streets when ../shared is here,
	@# Peel's synthetic town when it is not.
	@$(RELEASE)/src/app/peel geo search "station" --db $(DB) >/dev/null 2>&1 || \
	  if [ -f $(LONDON_MAP) ]; then $(RELEASE)/src/app/peel geo import $(LONDON_MAP) --db $(DB); \
	  else $(RELEASE)/src/app/peel geo synth --size 40000 --db $(DB); fi
	@# Units on the map and a user per control room role (once; prints their one-time passwords),
	@# and the simulator's accounts.
	$(RELEASE)/src/app/peel demo --db $(DB) --sim-credentials $(SIM_CREDENTIALS)
	@# The City of London's real crimes for January 2019, for Records and the Operating Picture
	@# (a second run adds nothing).
	@if [ -f $(CITY_CRIMES) ]; then $(RELEASE)/src/app/peel pole import-crimes --db $(DB) $(CITY_CRIMES); fi
	@echo "Starting Peel on http://localhost:$(PORT)/ with simulated calls and units (log: $(dir $(SIM_CREDENTIALS))sim.log; Ctrl-C stops both)"
	@( sleep 3; exec $(RELEASE)/src/app/peel sim --server http://127.0.0.1:$(PORT) \
	    --credentials $(SIM_CREDENTIALS) --hours 168 --calls-per-day 1500 > $(dir $(SIM_CREDENTIALS))sim.log 2>&1 ) &
	exec $(RELEASE)/src/app/peel serve --db $(DB) --port $(PORT) --web-root web/dist

# Every test: unit and integration tests on SQLite and a real PostgreSQL, the browser tests,
# and a bounded fuzzing run.
test: deps web
	scripts/check-format
	cmake --preset ci >/dev/null
	cmake --build --preset ci -j $(JOBS)
	scripts/tidy $(CI_BUILD)
	$(MAKE) --no-print-directory test-unit test-e2e fuzz

test-unit:
	PEEL_REQUIRE_POSTGRES=1 scripts/with-postgres ctest --test-dir $(CI_BUILD) --output-on-failure -j $(JOBS)

test-e2e:
	PEEL_BIN=$(CI_BUILD)/src/app/peel node --test tests/e2e/*.test.mjs
	@# Exactly once through crashes: the server killed (SIGKILL) six times while reports arrive.
	PEEL_BIN=$(CI_BUILD)/src/app/peel node bench/robotics_kill.mjs 300 6

# The unit and integration tests again under AddressSanitizer + UndefinedBehaviorSanitizer
# (not part of `make test`: a second full build).
test-asan: deps
	cmake --preset asan >/dev/null
	cmake --build --preset asan -j $(JOBS)
	PEEL_REQUIRE_POSTGRES=1 scripts/with-postgres ctest --test-dir build/asan --output-on-failure -j $(JOBS)

fuzz: deps
	cmake --preset fuzz >/dev/null
	cmake --build --preset fuzz -j $(JOBS) --target fuzz_request_decoding fuzz_osm_import fuzz_geo_text fuzz_stream_message fuzz_calls_csv fuzz_pole_text fuzz_street_crimes fuzz_shift_instance fuzz_process_definition fuzz_robotics_files fuzz_service_desk_csv
	scripts/run-fuzz $(FUZZ_BUILD)/tests/fuzz/fuzz_request_decoding tests/fuzz/corpus/request_decoding $(FUZZ_SECONDS)
	scripts/run-fuzz $(FUZZ_BUILD)/tests/fuzz/fuzz_osm_import tests/fuzz/corpus/osm_import $(FUZZ_SECONDS)
	scripts/run-fuzz $(FUZZ_BUILD)/tests/fuzz/fuzz_geo_text tests/fuzz/corpus/geo_text $(FUZZ_SECONDS)
	scripts/run-fuzz $(FUZZ_BUILD)/tests/fuzz/fuzz_stream_message tests/fuzz/corpus/stream_message $(FUZZ_SECONDS)
	scripts/run-fuzz $(FUZZ_BUILD)/tests/fuzz/fuzz_calls_csv tests/fuzz/corpus/calls_csv $(FUZZ_SECONDS)
	scripts/run-fuzz $(FUZZ_BUILD)/tests/fuzz/fuzz_pole_text tests/fuzz/corpus/pole_text $(FUZZ_SECONDS)
	scripts/run-fuzz $(FUZZ_BUILD)/tests/fuzz/fuzz_street_crimes tests/fuzz/corpus/street_crimes $(FUZZ_SECONDS)
	scripts/run-fuzz $(FUZZ_BUILD)/tests/fuzz/fuzz_shift_instance tests/fuzz/corpus/shift_instance $(FUZZ_SECONDS)
	scripts/run-fuzz $(FUZZ_BUILD)/tests/fuzz/fuzz_process_definition tests/fuzz/corpus/process_definition $(FUZZ_SECONDS)
	scripts/run-fuzz $(FUZZ_BUILD)/tests/fuzz/fuzz_robotics_files tests/fuzz/corpus/robotics_files $(FUZZ_SECONDS)
	scripts/run-fuzz $(FUZZ_BUILD)/tests/fuzz/fuzz_service_desk_csv tests/fuzz/corpus/service_desk_csv $(FUZZ_SECONDS)

bench: build web
	cmake --build --preset release -j $(JOBS) --target bench_event_log bench_geo_routing bench_geo_search bench_cad bench_cad_stream bench_cad_restart bench_iop bench_pole_duplicates bench_pole_search bench_duty_curtois bench_duty_plan bench_robotics bench_techbar_calibration bench_techbar_metrics
	$(RELEASE)/bench/bench_event_log --benchmark_filter=Sqlite
	scripts/with-postgres $(RELEASE)/bench/bench_event_log --benchmark_filter=Postgres
	bench/http_load.sh $(RELEASE)/src/app/peel
	scripts/with-postgres $(RELEASE)/bench/bench_geo_routing
	$(RELEASE)/bench/bench_geo_search
	bench/geo_import.sh $(RELEASE)/src/app/peel
	scripts/with-postgres $(RELEASE)/bench/bench_cad
	$(RELEASE)/bench/bench_cad_stream
	$(RELEASE)/bench/bench_cad_restart
	$(RELEASE)/bench/bench_iop
	PEEL_BIN=$(RELEASE)/src/app/peel node bench/control_room_load.mjs
	bench/sim_london.sh $(RELEASE)/src/app/peel load
	$(RELEASE)/bench/bench_pole_duplicates
	@# 10 million people by default (about an hour); PEEL_BENCH_PERSONS=N for fewer. PostgreSQL
	@# with a quarter of the memory as shared buffers, as a production server has (docs/operations.md).
	PEEL_POSTGRES_OPTIONS="-c shared_buffers=$${PEEL_BENCH_SHARED_BUFFERS:-6GB}" scripts/with-postgres $(RELEASE)/bench/bench_pole_search
	@# 24 instances x 60 s, two at a time (about 12 minutes).
	$(RELEASE)/bench/bench_duty_curtois
	$(RELEASE)/bench/bench_duty_plan
	$(RELEASE)/bench/bench_robotics
	scripts/with-postgres $(RELEASE)/bench/bench_robotics --backend postgres
	PEEL_BIN=$(RELEASE)/src/app/peel node bench/robotics_kill.mjs 1000 20
	$(RELEASE)/bench/bench_techbar_calibration
	$(RELEASE)/bench/bench_techbar_metrics
	@# Five PostgreSQL failovers under Patroni with a write load, then the active Peel killed.
	tests/ha/failover_test.sh $(RELEASE)/src/app/peel 5 30

clean:
	rm -rf build web/dist
