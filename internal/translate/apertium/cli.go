package apertium

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strings"
	"time"
)

// CLIOptions configures the apertium program transport.
type CLIOptions struct {
	// Binary is the apertium program's name or path; "apertium" if empty.
	Binary string
	// DataDir is passed as -d when set: a directory of language data
	// other than the installed one.
	DataDir string
	// Modes picks a mode by name for a site pair, e.g. en→ca
	// "eng-cat_valencia". Pairs not listed use the plain mode.
	Modes map[Pair]string
	// MaxChars is the most encoded text one run translates; 100,000 if
	// zero. Longer batches take several runs.
	MaxChars int
	// Timeout bounds one run of the program, within the caller's
	// context; two minutes if zero.
	Timeout time.Duration
}

// NewCLI returns the provider that runs the apertium program, once per
// batch: apertium -u -f html MODE, with the texts on standard input.
func NewCLI(opts CLIOptions) *Provider {
	if opts.Binary == "" {
		opts.Binary = "apertium"
	}
	if opts.MaxChars <= 0 {
		opts.MaxChars = 100_000
	}
	if opts.Timeout <= 0 {
		opts.Timeout = 2 * time.Minute
	}
	return &Provider{t: &cli{opts: opts}, modes: opts.Modes}
}

// cli runs the apertium program.
type cli struct {
	opts CLIOptions
}

func (c *cli) maxChars() int { return c.opts.MaxChars }

// pairs reads the installed modes from apertium -l.
func (c *cli) pairs(ctx context.Context) ([]pair, error) {
	out, err := c.run(ctx, "", "-l")
	if err != nil {
		return nil, err
	}
	return parseModeList(out), nil
}

// parseModeList reads the output of apertium -l: one mode name a line.
func parseModeList(out string) []pair {
	var list []pair
	for line := range strings.Lines(out) {
		name := strings.TrimSpace(line)
		if src, dst, ok := parsePairName(name); ok {
			list = append(list, pair{src: src, dst: dst, mode: name})
		}
	}
	return list
}

func (c *cli) translate(ctx context.Context, mode, html string) (string, error) {
	return c.run(ctx, html, "-u", "-f", "html", mode)
}

// run runs the program with args and stdin and returns its standard
// output; errors carry its standard error.
func (c *cli) run(ctx context.Context, stdin string, args ...string) (string, error) {
	if c.opts.DataDir != "" {
		args = append([]string{"-d", c.opts.DataDir}, args...)
	}
	ctx, cancel := context.WithTimeout(ctx, c.opts.Timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, c.opts.Binary, args...)
	cmd.Stdin = strings.NewReader(stdin)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	// The program is a shell pipeline; if killing the shell leaves its
	// children holding the pipes, stop waiting for them soon after.
	cmd.WaitDelay = 2 * time.Second
	err := cmd.Run()
	switch {
	case errors.Is(err, exec.ErrNotFound):
		return "", fmt.Errorf("apertium: the %q program is not installed (or not on PATH): %w", c.opts.Binary, err)
	case err != nil && ctx.Err() != nil:
		return "", fmt.Errorf("apertium %s: stopped: %w", strings.Join(args, " "), context.Cause(ctx))
	case err != nil:
		return "", fmt.Errorf("apertium %s: %w: %s", strings.Join(args, " "), err, clip(strings.TrimSpace(stderr.String())))
	}
	return stdout.String(), nil
}
