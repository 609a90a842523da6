# NoComelon Desktop. The two commands of the quick start:
#   make run    install what is needed, build the UI and the app, and open it
#   make test   install what the tests need and run every test and check
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := run

# One set of features for every cargo call, so builds, tests and lints share one compiled tree.
# custom-protocol: the app serves the built UI from inside the binary.
# services/lambda: nocomelon-services can also serve through the AWS Lambda runtime (as the
# Terraform deploys it); it does so only when Lambda starts it.
CARGO_FEATURES := --features nocomelon-desktop/custom-protocol,services/lambda
APP := target/debug/nocomelon-desktop
TOOLS := $(CURDIR)/target/tools
TAURI_DRIVER := $(TOOLS)/bin/tauri-driver
TAURI_DRIVER_VERSION := 2.1.0

.PHONY: run cloud cloud-stop test deps test-deps ui-deps ui app lint infra-checks rust-tests ui-tests app-test vectors services-contract bench services-bench bindings bundle package-test memory

# With a local family cloud running (make cloud), the app uses its settings unless
# NOCOMELON_CONFIG names others.
LOCAL_CLOUD := infrastructure/local/cloud.sh
run: deps ui app
	@if [ -z "$${NOCOMELON_CONFIG:-}" ] && $(LOCAL_CLOUD) running; then \
	  echo "Using the local family cloud (make cloud-stop stops it)."; \
	  NOCOMELON_CONFIG=$(CURDIR)/target/local-cloud/cloud.json ./$(APP); \
	else ./$(APP); fi

# A family's cloud on this computer: the emulator, the Terraform's resources, a demo account.
# (It builds what `make run` opens too: the app, the CLI and the services are one build.)
cloud: app
	SERVICES_BIN=$(CURDIR)/target/debug/nocomelon-services $(LOCAL_CLOUD) start

cloud-stop:
	$(LOCAL_CLOUD) stop

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
	cargo build $(CARGO_FEATURES) -p nocomelon-desktop -p nocomelon-cli -p services

# Each phase is timed; the figures are printed at the end (and when a phase fails).
PHASE := src-tauri/scripts/timed.sh
SUB := $(MAKE) --no-print-directory

test:
	@$(PHASE) start
	@$(PHASE) "system packages and test tools" $(SUB) test-deps
	@$(PHASE) "UI packages and build" $(SUB) ui
	@$(PHASE) "build the app and the CLI" $(SUB) app
	@$(PHASE) "lint: rustfmt, clippy, tsc, eslint" $(SUB) lint
	@$(PHASE) "cloud infrastructure: checkov, parliament, HCL rules" $(SUB) infra-checks
	@$(PHASE) "Rust tests" $(SUB) rust-tests
	@$(PHASE) "UI unit and browser tests" $(SUB) ui-tests
	@$(PHASE) "SRP known answers" $(SUB) vectors
	@$(PHASE) "story services contract: Schemathesis" $(SUB) services-contract
	@$(PHASE) "the app in a window" $(SUB) app-test
	@$(PHASE) report
	@echo "All checks and tests passed."

lint: ui-deps
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets $(CARGO_FEATURES) -- -D warnings
	cd ui && npm run typecheck && npm run lint

# The Terraform of the family's cloud, checked statically, and the local emulator compared with it.
infra-checks:
	bash infrastructure/checks/run.sh

# The cloud tests need a real Secret Service; the wrapper gives them a private, unlocked one.
rust-tests:
	src-tauri/crates/cloud/tests/with-keyring.sh cargo test --workspace $(CARGO_FEATURES)

ui-tests: ui-deps
	cd ui && npm test && npm run test:browser

# Schemathesis against nocomelon-services, from its OpenAPI document, with real emulator tokens.
services-contract: app
	python3 src-tauri/crates/services/contract/run.py --binary $(CURDIR)/target/debug/nocomelon-services

# The SRP known answers must still be what both reference libraries compute.
vectors:
	src-tauri/crates/srp/vectors/generate.sh --check

app-test: app
	cd ui && TAURI_DRIVER=$(TAURI_DRIVER) APP_BINARY=$(CURDIR)/$(APP) npm run test:app

# The app's memory in a real window, next to a blank Tauri 2 window (src-tauri/examples/blank_window.rs):
# idle, while two storybooks play and after each is closed, with the goals; see src-tauri/scripts/memory.sh.
memory: app
	cargo build $(CARGO_FEATURES) -p nocomelon-desktop -p nocomelon-cli -p services --example blank-window
	src-tauri/scripts/memory.sh

# Regenerates ui/src/bindings.ts from the Rust commands.
bindings:
	NOCOMELON_UPDATE_BINDINGS=1 cargo test --workspace $(CARGO_FEATURES) --test ipc_contract

# Installers: on Linux a .deb and an .rpm that use the distribution's ffmpeg and espeak-ng; on
# macOS and Windows the app with static ffmpeg/ffprobe sidecars (see src-tauri/scripts/bundle.sh).
bundle: deps ui
	src-tauri/scripts/bundle.sh

# Installs the .deb as a parent would (next to Debian's ffmpeg, and into a fresh Debian root
# without it), opens it from its menu entry and with "Open with", upgrades it, removes it.
package-test: bundle
	src-tauri/scripts/package-test.sh

bench:
	cargo run --release -p nocomelon-cli --bin nocomelon -- bench
	cargo run --release -p hostile-files --example ingest_memory
	cargo run --release -p media --example analyze_bench
	cargo run --release -p render --example render_all -- target/bench-render
	cargo run --release -p av --example av_bench
	cargo run --release -p cloud --example upload_bench
	cargo run --release -p family --example library_bench
	cargo run --release -p av --example frames_bench
	src-tauri/crates/srp/bench/run.sh
	$(SUB) services-bench

# Requests per second and p50/p99 of story/generate with token checks on, next to /health.
services-bench:
	cargo run --release -p services --example bench -- --clients 16 --seconds 10
