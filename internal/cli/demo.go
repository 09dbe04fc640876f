package cli

import (
	"context"
	"crypto/rand"
	"fmt"
	"net"

	"github.com/byline-news/byline/internal/app"
	"github.com/byline-news/byline/internal/auth"
	"github.com/byline-news/byline/internal/demo"
	"github.com/byline-news/byline/internal/news"
)

// demoAdminEmail is the demo site's owner account.
const demoAdminEmail = "admin@example.com"

func runDemo(ctx context.Context, env IO, args []string) error {
	return withServer(ctx, env, "demo", args, func(a *app.App, ln net.Listener) error {
		cfg := a.Config
		seeded, err := demo.Seed(ctx, a.Publishing, a.Media)
		if err != nil {
			return fmt.Errorf("loading the demo content: %w", err)
		}
		translated := 0
		if !seeded.Skipped {
			if translated, err = demo.SeedTranslations(ctx, a.Store, a.Translation, a.Render); err != nil {
				return fmt.Errorf("loading the demo translations: %w", err)
			}
		}
		password, err := resetDemoAdmin(ctx, a.Store)
		if err != nil {
			return err
		}
		if seeded.Skipped {
			fmt.Fprintf(env.Stdout, "The data directory %s already has articles; the demo serves them as they are.\n", cfg.DataDir)
		} else {
			fmt.Fprintf(env.Stdout, "Loaded the demo content: %d articles by %d authors and %d human translations into %s.\n",
				seeded.Articles, seeded.Authors, translated, cfg.DataDir)
		}
		fmt.Fprintf(env.Stdout, "\nByline demo is running at %s/ (%s database)\n\n", cfg.BaseURL, a.Store.Dialect())
		fmt.Fprintf(env.Stdout, "  Admin sign-in: %s/admin/login\n", cfg.BaseURL)
		fmt.Fprintf(env.Stdout, "  Email:         %s\n", demoAdminEmail)
		fmt.Fprintf(env.Stdout, "  Password:      %s\n\n", password)
		fmt.Fprintln(env.Stdout, "Press Ctrl-C to stop.")
		return a.Serve(ctx, ln)
	})
}

// resetDemoAdmin makes sure the demo owner exists with a fresh password,
// and returns that password. Each demo start prints a new one, since the
// old one is stored only as a hash.
func resetDemoAdmin(ctx context.Context, st news.Store) (string, error) {
	password := rand.Text()[:20]
	hash, err := auth.HashPassword(password, auth.DefaultParams)
	if err != nil {
		return "", err
	}
	u, err := st.UserByEmail(ctx, demoAdminEmail)
	switch {
	case news.IsNotFound(err):
		u = news.User{Email: demoAdminEmail, Name: "Demo Owner", Role: news.RoleOwner, PasswordHash: hash}
		err = st.CreateUser(ctx, &u)
	case err == nil:
		u.PasswordHash = hash
		err = st.UpdateUser(ctx, &u)
	}
	if err != nil {
		return "", fmt.Errorf("creating the demo admin: %w", err)
	}
	return password, nil
}
