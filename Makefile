# NoComelon Desktop. The two commands of the quick start:
#   make run    install what is needed, build the UI and the app, and open it
#   make test   install what the tests need and run every test and check
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := run

# One set of features for every cargo call, so builds, tests and lints share one compiled tree.
# custom-protocol: the app serves the built UI from inside the binary.
CARGO_FEATURES := --features nocomelon-desktop/custom-protocol
APP := target/debug/nocomelon-desktop
TOOLS := $(CURDIR)/target/tools
TAURI_DRIVER := $(TOOLS)/bin/tauri-driver
TAURI_DRIVER_VERSION := 2.1.0

.PHONY: run test deps test-deps ui-deps ui app lint rust-tests ui-tests app-test vectors bench bindings bundle

run: deps ui app
	./$(APP)

deps:
	src-tauri/scripts/system-deps.sh run
	@command -v cargo >/dev/null || { echo "Rust is missing: install it from https://rustup.rs and run make again." >&2; exit 1; }

test-deps:
	src-tauri/scripts/system-deps.sh test
	@command -v cargo >/dev/null || { echo "Rust is missing: install it from https://rustup.rs and run make again." >&2; exit 1; }
	@test -x $(TAURI_DRIVER) || cargo install tauri-driver --locked --version $(TAURI_DRIVER_VERSION) --root $(TOOLS)

ui-deps: ui/node_modules/.package-lock.json

ui/node_modules/.package-lock.json: ui/package-lock.json
	cd ui && npm install --no-audit --no-fund
	touch $@

ui: ui-deps
	cd ui && npm run build

app: ui
	cargo build $(CARGO_FEATURES) -p nocomelon-desktop -p nocomelon-cli

# Each phase is timed; the figures are printed at the end (and when a phase fails).
PHASE := src-tauri/scripts/timed.sh
SUB := $(MAKE) --no-print-directory

test:
	@$(PHASE) start
	@$(PHASE) "system packages and test tools" $(SUB) test-deps
	@$(PHASE) "UI packages and build" $(SUB) ui
	@$(PHASE) "build the app and the CLI" $(SUB) app
	@$(PHASE) "lint: rustfmt, clippy, tsc, eslint" $(SUB) lint
	@$(PHASE) "Rust tests" $(SUB) rust-tests
	@$(PHASE) "UI unit and browser tests" $(SUB) ui-tests
	@$(PHASE) "SRP known answers" $(SUB) vectors
	@$(PHASE) "the app in a window" $(SUB) app-test
	@$(PHASE) report
	@echo "All checks and tests passed."

lint: ui-deps
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets $(CARGO_FEATURES) -- -D warnings
	cd ui && npm run typecheck && npm run lint

# The cloud tests need a real Secret Service; the wrapper gives them a private, unlocked one.
rust-tests:
	src-tauri/crates/cloud/tests/with-keyring.sh cargo test --workspace $(CARGO_FEATURES)

ui-tests: ui-deps
	cd ui && npm test && npm run test:browser

# The SRP known answers must still be what both reference libraries compute.
vectors:
	src-tauri/crates/srp/vectors/generate.sh --check

app-test: app
	cd ui && TAURI_DRIVER=$(TAURI_DRIVER) APP_BINARY=$(CURDIR)/$(APP) npm run test:app

# Regenerates ui/src/bindings.ts from the Rust commands.
bindings:
	NOCOMELON_UPDATE_BINDINGS=1 cargo test $(CARGO_FEATURES) --test ipc_contract

# Installers with ffmpeg/ffprobe bundled next to the app as sidecars (the app looks there first).
# The sidecars are copied from this machine's ffmpeg; ship a build your licence allows.
bundle: deps ui
	mkdir -p src-tauri/binaries
	triple=$$(rustc -vV | sed -n 's/^host: //p'); \
	for tool in ffmpeg ffprobe; do cp "$$(command -v $$tool)" "src-tauri/binaries/$$tool-$$triple"; done
	ui/node_modules/.bin/tauri build --config src-tauri/tauri.sidecar.conf.json

bench:
	cargo run --release -p nocomelon-cli --bin nocomelon -- bench
	cargo run --release -p hostile-files --example ingest_memory
	cargo run --release -p media --example analyze_bench
	cargo run --release -p render --example render_all -- target/bench-render
	cargo run --release -p av --example av_bench
	cargo run --release -p av --example frames_bench
	src-tauri/crates/srp/bench/run.sh
