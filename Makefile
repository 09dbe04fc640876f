# Convenience targets; the README's plain go commands work without make.
.PHONY: demo test test-all build lint bench

demo:
	go run ./cmd/byline demo

test:
	go test ./...

# test-all runs the suite against the local PostgreSQL too, skipping nothing.
test-all:
	BYLINE_TEST_DATABASE_URL="postgres://postgres@127.0.0.1:5432/test?sslmode=disable" \
	BYLINE_TEST_REQUIRE_ALL=1 go test ./...

build:
	go build -o byline ./cmd/byline

lint:
	gofmt -l $$(git ls-files '*.go')
	go vet ./...
	staticcheck ./...

bench:
	go test -run '^$$' -bench . -benchmem ./internal/site/ ./internal/feed/
