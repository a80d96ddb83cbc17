# Every go command runs on Go 1.27.3; the go command fetches it once per machine.
export GOTOOLCHAIN := go1.27.3

GO  ?= go
BIN ?= helpdesk
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)

.PHONY: build run test test-e2e vet fmt-check bench bench-quick model clean

build:
	$(GO) build -ldflags "-X main.version=$(VERSION)" -o $(BIN) .

## run: build and serve on 127.0.0.1:8090 with data in ./pb_data
run: build
	./$(BIN) serve --http 127.0.0.1:8090 --dir ./pb_data

## test: formatting, vet and every test
test: fmt-check vet test-e2e
	$(GO) test -count=1 -timeout 15m ./...
	$(MAKE) bench-quick

## test-e2e: browser tests in e2e/ (Node.js and /usr/bin/chromium; .ci/run installs both)
test-e2e:
	cd e2e && { [ -d node_modules ] || npm ci --no-audit --no-fund; } && npm test

vet:
	$(GO) vet ./...

fmt-check:
	@out="$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))"; \
	if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

## bench: every benchmark against the built binary (docs/BENCHMARKS.md), under 10 minutes
bench:
	$(GO) run ./bench

## bench-quick: the same in about a minute; fails only if something is lost, stuck or leaked
bench-quick:
	$(GO) run ./bench -quick

## model: retrain the builtin analyzer's model from internal/builtin/testdata (docs/triage.md)
model:
	$(GO) generate ./internal/builtin

clean:
	rm -f $(BIN)
