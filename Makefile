# Micrograd — the two set-up commands are `make demo` and `make test`.
# Both install what is missing (Graphviz's C library), build, and run.

SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps demo test benchmark clean

all: test

## deps: install Graphviz's C library (libgraphviz-dev) with apt-get if pkg-config cannot find it.
deps:
	@if ! pkg-config --exists libgvc 2>/dev/null; then \
		echo "Installing libgraphviz-dev (Graphviz's C library) with apt-get…"; \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq pkg-config libgraphviz-dev >/dev/null; \
	fi

## demo: build in release mode and run the engine's demo (micrograd's moons training).
demo: deps
	$(SWIFT) build -c release --product micrograd-benchmark
	.build/release/micrograd-benchmark engine

## test: build and run every test.
test: deps
	$(SWIFT) test

## benchmark: release-mode benchmarks that print their figures.
benchmark: deps
	$(SWIFT) build -c release --product micrograd-benchmark
	.build/release/micrograd-benchmark all

clean:
	rm -rf .build
