# Tidings: `make serve` to write seeds with a live page, `make test` to run every test.
# Both install whatever is missing first (idempotent; only from crates.io, npm and Debian).

SHELL := /bin/bash
WASM_BINDGEN_VERSION := $(shell sed -n '/^name = "wasm-bindgen"$$/{n;s/version = "\(.*\)"/\1/p;}' Cargo.lock)
TRUNK_VERSION := 0.21.14
RUST_TOOLCHAIN := $(shell sed -n 's/^channel = "\(.*\)"/\1/p' rust-toolchain.toml)
CARGO_BIN := $(or $(CARGO_HOME),$(HOME)/.cargo)/bin
export PATH := $(CURDIR)/node_modules/.bin:$(CARGO_BIN):$(PATH)
export TRUNK_SKIP_VERSION_CHECK := true
NGINX_BROTLI := /usr/lib/nginx/modules/ngx_http_brotli_static_module.so

.PHONY: bench setup serve build test test-native test-wasm test-e2e test-authoring lint check-census bench-corpus bench-million fuzz e2e-site bench-compiler bench-trace bench-floor bench-census sizes clean

# Release builds rebuild the standard library for size (`optimize_for_size`) with panics compiled to a bare trap:
# without the panic machinery (formatting, hook, locations) the wasm is 12.3 KB of brotli smaller. `build-std` is
# unstable; RUSTC_BOOTSTRAP=1 lets the stable toolchain use it, as the Linux kernel's Rust build does. A trap ends
# the widget's instance and shows the error (embed/guard.js). Debug builds (`make serve`, the tests of components)
# keep the usual standard library and panic messages in the console.
# LLVM's inlining threshold at `opt-level = "z"` is 5; at 6 to 10 the wasm is 0.3 KB of brotli smaller (the same
# wasm at each), at 0 1.1 KB larger; from 11 to 35 none does better than 8 (0.2 KB smaller than 5 to 1 KB larger).
RELEASE_STD := RUSTC_BOOTSTRAP=1 CARGO_UNSTABLE_BUILD_STD=std,panic_abort \
	CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size \
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Cllvm-args=-inline-threshold=8"

setup: ## Install the pinned toolchain (rust-toolchain.toml) with the wasm target and the standard library's source, trunk, wasm-bindgen-cli, wasm-opt, terser, Chromium, nginx and the npm test packages.
	@# The pinned release under its own name: the stable toolchain when it is that release, else rustup's copy.
	@rustup toolchain list | grep -q '^$(RUST_TOOLCHAIN)' || { [ "$$(rustup run stable rustc --version | cut -d' ' -f2)" = "$(RUST_TOOLCHAIN)" ] && rustup toolchain link $(RUST_TOOLCHAIN) "$$(rustup run stable rustc --print sysroot)" || rustup toolchain install $(RUST_TOOLCHAIN) --profile minimal; }
	@rustup target list --installed | grep -q wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
	@rustup component list --installed | grep -q '^rust-src' || rustup component add rust-src
	@trunk --version 2>/dev/null | grep -q "$(TRUNK_VERSION)" || cargo install --locked --debug trunk --version $(TRUNK_VERSION)
	@wasm-bindgen --version 2>/dev/null | grep -q "$(WASM_BINDGEN_VERSION)" || cargo install --debug wasm-bindgen-cli --version =$(WASM_BINDGEN_VERSION)
	@[ -x node_modules/.bin/wasm-opt ] && [ -x node_modules/.bin/playwright ] && [ -x node_modules/.bin/lighthouse ] && [ -x node_modules/.bin/terser ] || npm ci --no-audit --no-fund
	@[ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] && [ -x /usr/sbin/nginx ] && [ -f $(NGINX_BROTLI) ] || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver nginx libnginx-mod-http-brotli-static >/dev/null; }

serve: setup ## Build and serve the seeds at http://127.0.0.1:8080, rebuilding on every change.
	trunk serve --address 127.0.0.1 --port 8080

build: setup ## The deployable folder: dist/ (page, wasm, JS, CSS, bundle.json, articles/).
	$(RELEASE_STD) trunk build index.html --release
	@$(MAKE) --no-print-directory sizes

sizes: ## Print the size of the wasm and JS, raw and brotli; fail when the page's glue + wasm is over its budget (64 KB of brotli).
	@node tests/e2e/sizes.mjs dist

test: setup lint check-census test-native test-wasm test-e2e test-authoring ## Every test.

lint: ## rustfmt's check, and clippy on the widget as it ships (wasm32), denying what brings the formatter or the parsers back (clippy.toml).
	cargo fmt --all -- --check
	cargo clippy --quiet --target wasm32-unknown-unknown --package tidings-widget --lib --bins -- -D warnings

check-census: ## Every census patch still applies to the widget (bench/census/*.patch; make bench-census builds them).
	@for p in bench/census/*.patch; do git apply --check "$$p" || { echo "$$p no longer applies: update it"; exit 1; }; done

test-native: ## Compiler, schema and widget logic tests.
	cargo test --workspace

test-wasm: ## Yew component tests in headless Chromium (wasm-bindgen-test-runner drives chromedriver).
	cargo test --target wasm32-unknown-unknown --test components --test decode

e2e-site: build ## The sites the end-to-end tests serve: the default build, the 2,083-story corpus, 100,000 stories, …
	rm -rf target/e2e && mkdir -p target/e2e
	cp -r dist target/e2e/site
	cp -r dist target/e2e/corpus
	cargo run --quiet --package tidings-compiler -- build corpus/digitalgov-seeds --quiet --precompress --out target/e2e/corpus
	cp -r dist target/e2e/attack
	rm -rf target/e2e/attack/articles
	cargo run --quiet --package tidings-compiler -- build tests/attack/seeds --quiet --precompress --out target/e2e/attack
	cp -r target/e2e/attack target/e2e/tt
	sed -i 's|<meta charset="utf-8" />|<meta charset="utf-8" /><meta http-equiv="Content-Security-Policy" content="require-trusted-types-for '"'script'"'; trusted-types '"'none'"'" />|' target/e2e/tt/index.html
	rm -f target/e2e/tt/index.html.br target/e2e/tt/index.html.gz # their copies would be served without the policy
	cp -r dist target/e2e/hostile
	rm -rf target/e2e/hostile/articles target/e2e/hostile/bundle.json.*
	cp -r tests/attack/hostile-bundle/. target/e2e/hostile/
	cp -r dist target/e2e/tidings
	cp -r examples/news-site target/e2e/news-site
	mkdir -p target/e2e/elsewhere && cp tests/e2e/pages/elsewhere.html target/e2e/elsewhere/index.html
	cp -r dist target/e2e/big
	node bench/distinct.mjs 100000 target/e2e-seeds-100k
	cargo run --quiet --package tidings-compiler -- build target/e2e-seeds-100k --quiet --out target/e2e/big

test-e2e: e2e-site ## Playwright, desktop and Pixel 7, against a real static server.
	npx playwright test

bench: setup e2e-site ## Tidings against its plain-JavaScript twin: payload, start-up, filter, memory, Lighthouse, compiler.
	cargo build --release --package tidings-compiler
	node bench/run.mjs

bench-corpus: ## What a card costs in the shards with distinct text (bench/distinct.mjs) and with the repeated real posts.
	cargo build --release --package tidings-compiler
	node bench/card-cost.mjs 10000
	node bench/card-cost.mjs 100000

bench-million: ## The compiler at 1,000,000 seeds of distinct text: time, peak memory, and the first view's size.
	cargo build --release --package tidings-compiler
	node bench/distinct.mjs 1000000 target/tmp/distinct-1000000
	sync; rm -rf target/tmp/out-1000000
	/usr/bin/time -f "wall %e s, peak memory %M KiB" target/release/tidings build target/tmp/distinct-1000000 --quiet --out target/tmp/out-1000000
	@node -e 'const z=require("zlib"),b=require("fs").readFileSync("target/tmp/out-1000000/bundle.json");console.log("bundle.json:",b.length,"bytes,",z.brotliCompressSync(b,{params:{[z.constants.BROTLI_PARAM_QUALITY]:11}}).length,"of brotli")'

bench-trace: ## Where start-up time goes after the wasm arrives (a trace; needs `make bench`'s sites).
	node bench/trace.mjs 10000/index.html 10000/twin.html

bench-compiler: ## Compiler throughput against raw pulldown-cmark (10,000 documents).
	cargo bench --package tidings-compiler --bench compile

FUZZ_SECONDS ?= 60
FUZZ_SEEDS := corpus/digitalgov-seeds corpus/edge-cases/jekyll-posts corpus/edge-cases/yaml-suite
fuzz: ## Fuzz the compiler (nightly, cargo-fuzz) for FUZZ_SECONDS per target; crashes land in fuzz/artifacts/.
	@cargo fuzz --version >/dev/null 2>&1 || cargo install cargo-fuzz
	mkdir -p fuzz/corpus/front_matter fuzz/corpus/markdown
	cargo +nightly fuzz run front_matter fuzz/corpus/front_matter $(FUZZ_SEEDS) -- -max_total_time=$(FUZZ_SECONDS) -max_len=65536
	cargo +nightly fuzz run markdown fuzz/corpus/markdown $(FUZZ_SEEDS) -- -max_total_time=$(FUZZ_SECONDS) -max_len=65536

clean:
	rm -rf dist target/e2e test-results playwright-report

test-authoring: setup ## `trunk serve` over a seeds folder the test edits: rebuild, live reload, last good bundle kept.
	rm -rf target/authoring authoring-seeds && mkdir -p authoring-seeds
	cp seeds/* authoring-seeds/
	npx playwright test --config playwright.authoring.config.ts

bench-floor: setup ## Yew's floor (a counter app, bench/floor) beside the widget's wasm, both with the release settings.
	$(RELEASE_STD) cargo build --release --target wasm32-unknown-unknown --bin tidings-widget
	$(RELEASE_STD) cargo build --release --target wasm32-unknown-unknown --manifest-path bench/floor/Cargo.toml --target-dir target/floor-build
	node bench/floor.mjs

bench-census: setup ## What each part of the widget costs in the wasm: built without it (bench/census/*.patch), against HEAD.
	$(RELEASE_STD) node bench/census.mjs
