package cli

import (
	"context"
	"fmt"
	"net"
)

func runServe(ctx context.Context, env IO, args []string) error {
	fs, done := flags("serve", env, true)
	cfg, err := parse(fs, done, args)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return err
	}
	defer ln.Close() // Serve closes it too; this covers the early returns
	cfg = cfg.Bound(ln.Addr().String())
	a, err := open(ctx, env, cfg, true)
	if err != nil {
		return err
	}
	defer a.Close()
	fmt.Fprintf(env.Stdout, "Byline is serving %s (listening on %s, %s database)\n", cfg.BaseURL+"/", ln.Addr(), a.Store.Dialect())
	return a.Serve(ctx, ln)
}
