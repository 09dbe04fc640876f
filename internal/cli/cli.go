// Package cli is the byline command line: it parses commands and flags,
// builds the app and runs the command. Every command reads the same
// settings (internal/config).
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/byline-news/byline/internal/app"
	"github.com/byline-news/byline/internal/config"
)

// IO is the process's surroundings, so tests can run commands in-process.
type IO struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	Getenv func(string) string
}

type command struct {
	name    string
	summary string
	run     func(ctx context.Context, env IO, args []string) error
}

func commands() []command {
	return []command{
		{"serve", "serve the site", runServe},
		{"demo", "serve a demo site with the shipped demo content", runDemo},
		{"import markdown", "import articles from Markdown files with YAML front matter", runImportMarkdown},
		{"import wxr", "import a WordPress export (WXR)", runImportWXR},
		{"user add", "add a user (password on standard input)", runUserAdd},
		{"token create", "create an API token for a user", runTokenCreate},
		{"version", "print the version", runVersion},
	}
}

// Version is set at build time with -ldflags "-X .../cli.Version=...".
var Version = "dev"

// errUsage marks an error whose message is a usage hint (exit code 2).
var errUsage = errors.New("usage")

// Run runs the command named by args and returns the process exit code.
func Run(ctx context.Context, args []string, env IO) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(env.Stdout)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	for _, c := range commands() {
		words := strings.Fields(c.name)
		if len(args) < len(words) || strings.Join(args[:len(words)], " ") != c.name {
			continue
		}
		err := c.run(ctx, env, args[len(words):])
		switch {
		case err == nil:
			return 0
		case errors.Is(err, flag.ErrHelp):
			return 0
		case errors.Is(err, errUsage):
			fmt.Fprintf(env.Stderr, "byline %s: %v\n", c.name, err)
			return 2
		default:
			fmt.Fprintf(env.Stderr, "byline %s: %v\n", c.name, err)
			return 1
		}
	}
	fmt.Fprintf(env.Stderr, "byline: unknown command %q\n\n", strings.Join(args, " "))
	usage(env.Stderr)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "Usage: byline COMMAND [flags] [arguments]")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Commands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-16s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Every command takes --data, --database-url, --base-url and --smtp-url, or the")
	fmt.Fprintln(w, "environment variables BYLINE_DATA, BYLINE_DATABASE_URL, BYLINE_BASE_URL and")
	fmt.Fprintln(w, "BYLINE_SMTP_URL. Run 'byline COMMAND -h' for a command's flags.")
}

// flags returns a flag set for a command with the shared settings.
func flags(name string, env IO, withServer bool) (*flag.FlagSet, func() (config.Config, error)) {
	fs := flag.NewFlagSet("byline "+name, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	return fs, config.Register(fs, env.Getenv, withServer)
}

// parse parses args and returns the config, turning flag errors into
// usage errors.
func parse(fs *flag.FlagSet, done func() (config.Config, error), args []string) (config.Config, error) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return config.Config{}, err
		}
		return config.Config{}, fmt.Errorf("%w: %v", errUsage, err)
	}
	cfg, err := done()
	if err != nil {
		return config.Config{}, fmt.Errorf("%w: %v", errUsage, err)
	}
	return cfg, nil
}

// open builds the app for a command.
func open(ctx context.Context, env IO, cfg config.Config, work bool) (*app.App, error) {
	return app.Open(ctx, cfg, app.NewLogger(env.Stderr, cfg.LogLevel), app.Options{Work: work})
}

func runVersion(_ context.Context, env IO, _ []string) error {
	fmt.Fprintln(env.Stdout, "byline", Version)
	return nil
}

func runImportWXR(_ context.Context, _ IO, _ []string) error {
	return errors.New("the WordPress importer is not part of this release yet; export the posts as Markdown and use 'byline import markdown'")
}
