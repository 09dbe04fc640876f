package cli

import (
	"context"
	"fmt"
	"net"

	"github.com/byline-news/byline/internal/app"
)

func runServe(ctx context.Context, env IO, args []string) error {
	return withServer(ctx, env, "serve", args, func(a *app.App, ln net.Listener) error {
		fmt.Fprintf(env.Stdout, "Byline is serving %s/ (listening on %s, %s database)\n", a.Config.BaseURL, ln.Addr(), a.Store.Dialect())
		return a.Serve(ctx, ln)
	})
}

// withServer parses a server command's flags, binds the listen address
// first (so that port 0 can pick a port and the base URL follow it), opens
// the app and hands both to run.
func withServer(ctx context.Context, env IO, name string, args []string, run func(*app.App, net.Listener) error) error {
	fs, done := flags(name, env, true)
	cfg, err := parse(fs, done, args)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return err
	}
	defer ln.Close() // Serve closes it too; this covers the early returns
	a, err := open(ctx, env, cfg.Bound(ln.Addr().String()), true)
	if err != nil {
		return err
	}
	defer a.Close()
	return run(a, ln)
}
