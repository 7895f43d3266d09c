# Micrograd — the two set-up commands are `make demo` and `make test`.
# Both install what is missing (Graphviz's C library, OpenBLAS), build, and run.

SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

MICROGRAD := .build/release/micrograd
DEMO := out/demo
CHROMIUM ?= $(or $(MICROGRAD_CHROMIUM),$(shell command -v chromium || command -v chromium-browser || command -v google-chrome))

.PHONY: all deps demo test lint benchmark samples viewer-assets readme-images clean fuzz fuzz-dot fuzz-mg sanitize docs docs-check \
	docs-diagrams man

all: test

## deps: install Graphviz's C library (libgraphviz-dev), a font and OpenBLAS (libopenblas-dev) with apt-get if they are missing, and
## Chromium, which the HTML viewer's and the animations' tests drive headless.
deps:
	@if ! pkg-config --exists libgvc 2>/dev/null || ! fc-list 2>/dev/null | grep -q .; then \
		echo "Installing Graphviz's C library (libgraphviz-dev) and fonts with apt-get..."; \
		$(SUDO) apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			pkg-config libgraphviz-dev fontconfig fonts-dejavu-core >/dev/null; \
	fi
	@if [ -z "$$MICROGRAD_CHROMIUM" ] && ! command -v chromium >/dev/null 2>&1 \
		&& ! command -v chromium-browser >/dev/null 2>&1 && ! command -v google-chrome >/dev/null 2>&1; then \
		echo "Installing Chromium (the viewer's tests open pages in it, headless) with apt-get..."; \
		$(SUDO) apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null; \
	fi
	@if ! pkg-config --exists openblas 2>/dev/null; then \
		echo "Installing OpenBLAS (libopenblas-dev) for the tensor engine's matrix products with apt-get..."; \
		$(SUDO) apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq pkg-config libopenblas-dev >/dev/null; \
	fi

## demo: build the CLI in release mode, draw every sample before and after backward(), and train three networks.
demo: deps
	$(SWIFT) build -c release --product micrograd
	@rm -rf $(DEMO)
	@for sample in $$($(MICROGRAD) samples --names); do \
		echo "== micrograd snapshot $$sample"; \
		$(MICROGRAD) snapshot $$sample --format svg,png,dot,json,mermaid --out $(DEMO) | grep -v '^wrote' || exit 1; \
	done
	@echo "== micrograd train moons"
	@$(MICROGRAD) train moons --out $(DEMO) | grep -v '^wrote'
	@echo "== micrograd train spiral --engine tensor --model 2,100,3 --optimizer adam --steps 300"
	@$(MICROGRAD) train spiral --engine tensor --model 2,100,3 --optimizer adam --steps 300 --snapshot-every 100 \
		--out $(DEMO) | grep -v '^wrote'
	@echo "== micrograd train linear-regression"
	@$(MICROGRAD) train linear-regression --out $(DEMO) | grep -v '^wrote'
	@echo
	@echo "Done. $$(ls $(DEMO) | wc -l) files are in $(DEMO)/: each sample's graph before and after backward()"
	@echo "(svg, png, dot, json, mermaid), and for the moons, spiral and linear-regression runs their loss curves,"
	@echo "decision boundaries and graph snapshots."
	@echo "Open $(DEMO)/neuron-after.svg or $(DEMO)/moons-boundary.svg to start."

## test: check the formatting and the documentation (warnings are errors), then build and run every test.
test: deps lint docs-check
	$(SWIFT) test

## docs: the documentation of the three libraries (DocC: reference, articles, tutorial) as a static site in out/docs/.
DOCS := generate-documentation --target Micrograd --target MicrogradViz --target MicrogradLanguage \
	--enable-experimental-combined-documentation --warnings-as-errors
docs:
	@mkdir -p out
	$(SWIFT) package --allow-writing-to-directory out/docs $(DOCS) --transform-for-static-hosting --output-path out/docs
	@echo "Serve it over HTTP (python3 -m http.server -d out/docs) and open http://localhost:8000/documentation/"

## docs-check: build the documentation with warnings as errors, so that a broken symbol link fails.
docs-check:
	$(SWIFT) package --allow-writing-to-directory .build/docs-check $(DOCS) --output-path .build/docs-check

## docs-diagrams: redraw the .mg diagrams of the DocC catalogs with the micrograd-diagrams plugin (only changes are written).
docs-diagrams:
	$(SWIFT) package --allow-writing-to-package-directory micrograd-diagrams

## man: the manual page of micrograd, from its help text, in out/man/micrograd.1 (read it with man out/man/micrograd.1).
man:
	$(SWIFT) package plugin generate-manual
	@mkdir -p out/man
	@cp .build/plugins/GenerateManual/outputs/MicrogradCLI/micrograd.1 out/man/micrograd.1
	@echo "wrote out/man/micrograd.1"

## lint: the code follows the repository's style (.swift-format); `swift format -i -r Sources Tests` fixes it.
lint:
	$(SWIFT) format lint --strict -r Sources Tests

## readme-images: regenerate the diagrams the README shows, and the viewer's page and screenshot (a test fails if
## they drift).
readme-images: deps
	$(SWIFT) build -c release --product micrograd
	@for sample in neuron zero-to-hero; do \
		$(MICROGRAD) snapshot $$sample --format svg,dot --out docs/images > /dev/null || exit 1; \
	done
	@$(MICROGRAD) snapshot linear-regression-tensor --stage after --format svg,dot --out docs/images > /dev/null
	@$(MICROGRAD) snapshot mlp-tensor --stage after --rankdir TB --format svg,dot --out docs/images > /dev/null
	@$(MICROGRAD) steps zero-to-hero --theme auto --format svg,dot,animated-svg --out docs/images/teaching > /dev/null
	@$(MICROGRAD) snapshot neuron --stage after --edges chain --theme auto --format svg,dot --out docs/images/teaching > /dev/null
	@$(MICROGRAD) train linear-regression --out docs/images --snapshot-every 0 > /dev/null
	@$(MICROGRAD) train moons --out docs/images --snapshot-every 0 > /dev/null
	@$(MICROGRAD) snapshot neuron --stage after --format html --out docs/images > /dev/null
	@$(CHROMIUM) --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1280,720 \
		--screenshot=docs/images/viewer-neuron.png \
		"file://$(CURDIR)/docs/images/neuron-after.html#value=8&highlight=ancestors&layers=edge-derivatives&step=2" \
		> /dev/null 2>&1
	@$(MICROGRAD) diagnose $(README_DIAGNOSE) --diagram svg,dot --out docs/images > /dev/null
	@$(MICROGRAD) train digits $(README_DIAGNOSE_TRAIN) --out docs/images > /dev/null 2>&1
	@rm -f docs/images/digits-loss.svg docs/images/digits-diagnostics.json docs/images/digits-diagnostics.csv
	@# Views of the mlp sample, each renamed mlp-<view>-after (see ReadmeImagesTests.views).
	@for view in "depth1:--depth 1" "depth2:--depth 2" "roll:--depth 2 --roll" \
		"focus:--focus mlp/layer0/neuron3/w0 --radius 4"; do \
		rm -rf .build/readme-view && \
		$(MICROGRAD) snapshot mlp --stage after --format svg,dot --out .build/readme-view $${view#*:} > /dev/null \
			|| exit 1; \
		for ext in svg dot; do mv .build/readme-view/mlp-after.$$ext docs/images/mlp-$${view%%:*}-after.$$ext; done; \
	done
	@echo "wrote docs/images/"

# The sick networks of the README's "Debugging gradient flow" (the README-images test runs the same).
README_DIAGNOSE := docs/sick.mg
README_DIAGNOSE_TRAIN := --activation tanh --init-gain 3 --model 64,32,32,10 --steps 60 --diagnose --histogram-steps 0,59 \
	--snapshot-every 0

## benchmark: release-mode benchmarks that print their figures, with NumPy and PyTorch side by side
## (each skipped with a message when it is not installed). OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE are
## unset for this command only, so that OpenBLAS, ours and NumPy's, picks the kernels of this processor.
benchmark: deps
	$(SWIFT) build -c release --product micrograd-benchmark
	env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE .build/release/micrograd-benchmark all

## fuzz: run every fuzzer (fuzz-dot, fuzz-mg) for FUZZ_SECONDS seconds each (CI runs it; see Tests/Fuzz/README.md).
FUZZ_SECONDS ?= 60
FUZZ_BUILD := .build/fuzz
fuzz: fuzz-dot fuzz-mg

## fuzz-dot: fuzz the renderer with untrusted DOT (libFuzzer and AddressSanitizer) for FUZZ_SECONDS seconds
## from the seed corpus in Tests/Fuzz/Corpus/dot; fails on a crash or hang (the input is kept in
## .build/fuzz/artifacts/).
fuzz-dot: deps
	MICROGRAD_FUZZ=1 $(SWIFT) build -c release --scratch-path $(FUZZ_BUILD) --product fuzz-dot \
		-Xswiftc -sanitize=fuzzer,address
	@mkdir -p $(FUZZ_BUILD)/corpus/dot $(FUZZ_BUILD)/artifacts
	ASAN_OPTIONS=quarantine_size_mb=8 LSAN_OPTIONS=suppressions=$(CURDIR)/Tests/Sanitizers/leaks.supp \
		$(FUZZ_BUILD)/release/fuzz-dot $(FUZZ_BUILD)/corpus/dot Tests/Fuzz/Corpus/dot \
		-dict=Tests/Fuzz/Dictionaries/dot.dict -max_total_time=$(FUZZ_SECONDS) -timeout=60 \
		-max_len=65536 -rss_limit_mb=4096 -artifact_prefix=$(FUZZ_BUILD)/artifacts/dot- -print_final_stats=1

## sanitize: the test suite under AddressSanitizer (Graphviz's, fontconfig's and pango's own leaks
## suppressed by name in Tests/Sanitizers/leaks.supp), then the threaded tests under ThreadSanitizer
## (die_after_fork=0: a render process may start pango's font threads). print_suppressions=0 keeps
## LeakSanitizer's statistics off the standard error that tests read from the sanitized CLI.
THREADED_TESTS := eightThreads
sanitize: deps
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 LSAN_OPTIONS=suppressions=$(CURDIR)/Tests/Sanitizers/leaks.supp:print_suppressions=0 \
		$(SWIFT) test --scratch-path .build/asan --sanitize=address
	TSAN_OPTIONS=suppressions=$(CURDIR)/Tests/Sanitizers/threads.supp:die_after_fork=0 \
		$(SWIFT) test --scratch-path .build/tsan --sanitize=thread --filter "$(THREADED_TESTS)"

clean:
	rm -rf .build

## samples: regenerate the CLI's embedded copies of Samples/*.mg (a test fails if they drift).
samples:
	@{ echo '// swift-format-ignore-file'; \
	   echo '// Generated by `make samples` from Samples/*.mg. Do not edit: edit the files and run `make samples`.'; \
	   echo ''; \
	   echo '/// The network files of `Samples/`, compiled into the library so that it finds them from any directory.'; \
	   echo 'enum EmbeddedSamples {'; \
	   echo '    /// Each file'"'"'s name without `.mg`, and its text.'; \
	   echo '    static let files: [(name: String, text: String)] = ['; \
	   for file in $$(LC_ALL=C ls Samples/*.mg); do \
	     printf '%s\n' "        (\"$$(basename $$file .mg)\", #\"\"\"" ; cat $$file; printf '%s\n' '"""# + "\n"),'; \
	   done; \
	   echo '    ]'; \
	   echo '}'; } > Sources/MicrogradLanguage/Samples/EmbeddedSamples.swift
	@echo "wrote Sources/MicrogradLanguage/Samples/EmbeddedSamples.swift"

## viewer-assets: regenerate the library's embedded copies of Sources/MicrogradViz/HTML/Viewer/ (the HTML viewer's page, stylesheet and
## script; a test fails if they drift).
viewer-assets:
	@{ echo '// swift-format-ignore-file'; \
	   echo '// Generated by `make viewer-assets` from Sources/MicrogradViz/HTML/Viewer/. Do not edit: edit the files and run `make viewer-assets`.'; \
	   echo ''; \
	   echo '/// The HTML viewer'"'"'s page, stylesheet and script, compiled into the library so that pages are'; \
	   echo '/// self-contained and no resource file has to be found at run time.'; \
	   echo 'enum ViewerAssets {'; \
	   for entry in page:viewer.html stylesheet:viewer.css script:viewer.js; do \
	     echo "    /// Sources/MicrogradViz/HTML/Viewer/$${entry#*:}"; \
	     printf '%s\n' "    static let $${entry%%:*} = #\"\"\""; cat Sources/MicrogradViz/HTML/Viewer/$${entry#*:}; printf '%s\n' '"""# + "\n"'; \
	   done; \
	   echo '}'; } > Sources/MicrogradViz/HTML/ViewerAssets.swift
	@echo "wrote Sources/MicrogradViz/HTML/ViewerAssets.swift"

## fuzz-mg: fuzz the .mg lexer, parser and evaluator with libFuzzer and AddressSanitizer for FUZZ_SECONDS
## (default 60) seconds, from the seed corpus in Tests/Fuzz/Corpus/mg; fails on a crash, leak or hang,
## leaving the input that caused it in .build/fuzz/ (run the fuzzer on that file alone to reproduce).
fuzz-mg:
	MICROGRAD_FUZZ=1 $(SWIFT) build -c release --build-path $(FUZZ_BUILD) --product micrograd-fuzz-mg \
		-Xswiftc -sanitize=fuzzer,address
	@mkdir -p $(FUZZ_BUILD)/corpus-mg
	$(FUZZ_BUILD)/release/micrograd-fuzz-mg $(FUZZ_BUILD)/corpus-mg Tests/Fuzz/Corpus/mg \
		-max_total_time=$(FUZZ_SECONDS) -max_len=16384 -timeout=20 -rss_limit_mb=3072 \
		-dict=Tests/Fuzz/mg.dict -artifact_prefix=$(FUZZ_BUILD)/ -print_final_stats=1
