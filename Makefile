# Ready20k: `make run` opens the app, `make test` passes every test. Both install what is
# missing on a Debian 12 machine first (apt-get needs root or sudo) and skip what is present.

SHELL := /bin/bash
.ONESHELL:
.SHELLFLAGS := -eu -o pipefail -c

CARGO_BIN := $(HOME)/.cargo/bin
export PATH := $(CARGO_BIN):$(PATH)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# Build and run needs; test adds the headless display, WebDriver and PDF tools.
APT_BUILD := build-essential pkg-config curl file libwebkit2gtk-4.1-dev libssl-dev
APT_TEST  := xvfb xauth webkit2gtk-driver imagemagick qpdf poppler-utils fonts-noto-cjk fonts-noto-core libreoffice-writer-nogui
# Checking the installed package: session bus, window search, desktop entry, MIME database.
APT_PACKAGE_TEST := xvfb xauth dbus-daemon xdotool desktop-file-utils xdg-utils shared-mime-info
STAMP     := .make

.PHONY: run test deps deps-test ui check-layers bindings icons fmt clean-stamps package package-test

# `make package` builds release; `PROFILE=debug` reuses the test build (CI).
PROFILE ?= release
TARGET_DIR := $(abspath $(or $(CARGO_TARGET_DIR),target))
DEB_DIR := $(TARGET_DIR)/$(PROFILE)/bundle/deb

## Open the app (debug build). Without a display it runs under Xvfb.
run: deps ui
	cargo build -p ready20k
	if [ -n "$${DISPLAY:-}$${WAYLAND_DISPLAY:-}" ]; then ./target/debug/ready20k; \
	else $(MAKE) deps-test >/dev/null; xvfb-run -a ./target/debug/ready20k; fi

## Everything CI checks: format, lints, Rust tests, UI checks and tests, end-to-end tests.
test: deps deps-test ui
	cargo fmt --all --check
	$(MAKE) check-layers
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy -p ready20k --all-targets --features e2e-hooks -- -D warnings
	(cd ui && npm run lint && npm run check && npm test)
	# One build serves unit, integration and E2E tests: the shell with its test hooks.
	cargo build -p ready20k --features e2e-hooks
	xvfb-run -a --server-args="-screen 0 1280x900x24" \
	  cargo nextest run --workspace --features ready20k/e2e-hooks --no-fail-fast
	# Last: the Debian package (without the test hooks) installs and runs.
	$(MAKE) package-test PROFILE=debug

## The Debian package of the app and ready20k-cli: target/<profile>/ready20k_<version>_<arch>.deb.
package: deps ui
	# The CLI resolved with the app: both then share one build of the crates below them.
	cargo build -p ready20k -p ready20k-cli --bin ready20k-cli $(if $(filter debug,$(PROFILE)),,--profile $(PROFILE))
	rm -f $(DEB_DIR)/*.deb
	ui/node_modules/.bin/tauri build --ci --bundles deb $(if $(filter debug,$(PROFILE)),--debug) \
	  --config '{"bundle":{"linux":{"deb":{"files":{"/usr/bin/ready20k-cli":"$(TARGET_DIR)/$(PROFILE)/ready20k-cli"}}}}}'
	deb=$$(ls $(DEB_DIR)/*.deb)
	out=$(TARGET_DIR)/$(PROFILE)/$$(dpkg-deb -f $$deb Package)_$$(dpkg-deb -f $$deb Version)_$$(dpkg-deb -f $$deb Architecture).deb
	cp $$deb $$out
	echo "package: $$out ($$(du -h $$out | cut -f1))"

## Install the package here (root or sudo) and check the CLI, desktop entry, .r20k type and window.
package-test: package
	missing=$$(for p in $(APT_PACKAGE_TEST); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done)
	if [ -n "$$missing" ]; then $(SUDO) apt-get update -qq; \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; fi
	SUDO=$(SUDO) xvfb-run -a --server-args="-screen 0 1280x900x24" \
	  dbus-run-session -- bash packaging/check-installed.sh $(DEB_DIR)/*.deb

## The domain, store, dossier and CLI crates must not pull in tauri, wry or webkit.
check-layers:
	for c in ready20k-domain ready20k-store ready20k-dossier ready20k-cli; do \
	  if cargo tree -p $$c -e normal --prefix none | grep -E '^(tauri|wry|webkit|javascriptcore|soup)'; then \
	    echo "$$c depends on the desktop shell's stack"; exit 1; fi; done
	echo "layers ok: domain, store, dossier, cli are free of tauri/wry/webkit"

## Debian packages for building (installed only when one is missing).
deps: $(STAMP)/apt-build ui/node_modules/.package-lock.json

$(STAMP)/apt-build:
	mkdir -p $(STAMP)
	missing=$$(for p in $(APT_BUILD); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done)
	if [ -n "$$missing" ]; then $(SUDO) apt-get update -qq; \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; fi
	command -v cargo >/dev/null || { echo "Rust is missing: install it with rustup (https://rustup.rs)"; exit 1; }
	touch $@

ui/node_modules/.package-lock.json: ui/package.json ui/package-lock.json
	command -v npm >/dev/null || { echo "Node.js 20+ and npm are missing: apt-get install nodejs npm"; exit 1; }
	(cd ui && npm ci --no-audit --no-fund)

## Test-only tools: Xvfb, WebKitWebDriver, tauri-driver, PDF tools, cargo-nextest.
deps-test: $(STAMP)/apt-test $(STAMP)/cargo-tools

$(STAMP)/apt-test:
	mkdir -p $(STAMP)
	missing=$$(for p in $(APT_TEST); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done)
	if [ -n "$$missing" ]; then $(SUDO) apt-get update -qq; \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; fi
	touch $@

$(STAMP)/cargo-tools:
	mkdir -p $(STAMP)
	command -v tauri-driver >/dev/null || cargo install tauri-driver --version ^2 --locked
	command -v cargo-nextest >/dev/null || cargo install cargo-nextest --locked
	touch $@

## Build the web UI into ui/dist (the shell embeds it).
ui: ui/node_modules/.package-lock.json
	(cd ui && npm run build)

## Rewrite ui/src/lib/bindings from the Rust types (then commit them).
bindings:
	UPDATE_BINDINGS=1 cargo test -p ready20k-tests --test bindings

## Regenerate the icon set from icons/ready20k.svg.
icons:
	bash icons/generate.sh

fmt:
	cargo fmt --all

clean-stamps:
	rm -rf $(STAMP)
