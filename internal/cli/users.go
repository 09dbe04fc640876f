package cli

import (
	"bufio"
	"context"
	"fmt"
	"strings"

	"github.com/byline-news/byline/internal/auth"
	"github.com/byline-news/byline/internal/news"
)

func runUserAdd(ctx context.Context, env IO, args []string) error {
	fs, done := flags("user add", env, false)
	email := fs.String("email", "", "the user's email address (required)")
	name := fs.String("name", "", "the user's name (required)")
	role := fs.String("role", string(news.RoleEditor), "contributor, author, editor, administrator or owner")
	cfg, err := parse(fs, done, args)
	if err != nil {
		return err
	}
	*email = strings.ToLower(strings.TrimSpace(*email))
	*name = strings.TrimSpace(*name)
	switch {
	case *email == "" || !strings.Contains(*email, "@"):
		return fmt.Errorf("%w: --email must be an email address", errUsage)
	case *name == "":
		return fmt.Errorf("%w: --name is required", errUsage)
	case !news.Role(*role).Valid():
		return fmt.Errorf("%w: --role %q is not one of contributor, author, editor, administrator, owner", errUsage, *role)
	}
	password, err := readPassword(env)
	if err != nil {
		return err
	}
	hash, err := auth.HashPassword(password, auth.DefaultParams)
	if err != nil {
		return err
	}
	a, err := open(ctx, env, cfg, false)
	if err != nil {
		return err
	}
	defer a.Close()
	u := news.User{Email: *email, Name: *name, Role: news.Role(*role), PasswordHash: hash}
	if err := a.Store.CreateUser(ctx, &u); err != nil {
		if news.ErrorCode(err) == news.ECONFLICT {
			return fmt.Errorf("a user with the email %s already exists", *email)
		}
		return err
	}
	fmt.Fprintf(env.Stdout, "added %s <%s> as %s\n", u.Name, u.Email, u.Role)
	return nil
}

// readPassword reads the first line of standard input.
func readPassword(env IO) (string, error) {
	if env.Stdin == nil {
		return "", fmt.Errorf("%w: the password is read from standard input", errUsage)
	}
	line, err := bufio.NewReader(env.Stdin).ReadString('\n')
	if err != nil && line == "" {
		return "", fmt.Errorf("%w: the password is read from standard input, which was empty", errUsage)
	}
	pw := strings.TrimRight(line, "\r\n")
	if err := auth.CheckPassword(pw); err != nil {
		return "", fmt.Errorf("%w: %v", errUsage, err)
	}
	return pw, nil
}

func runTokenCreate(ctx context.Context, env IO, args []string) error {
	fs, done := flags("token create", env, false)
	email := fs.String("email", "", "the email address of the user the token acts for (required)")
	name := fs.String("name", "cli", "a label for the token")
	cfg, err := parse(fs, done, args)
	if err != nil {
		return err
	}
	if strings.TrimSpace(*email) == "" {
		return fmt.Errorf("%w: --email is required", errUsage)
	}
	a, err := open(ctx, env, cfg, false)
	if err != nil {
		return err
	}
	defer a.Close()
	u, err := a.Store.UserByEmail(ctx, strings.TrimSpace(*email))
	if news.IsNotFound(err) {
		return fmt.Errorf("no user has the email %s; add one with 'byline user add'", *email)
	}
	if err != nil {
		return err
	}
	secret, hash, err := auth.NewToken()
	if err != nil {
		return err
	}
	t := news.Token{UserID: u.ID, Name: *name, Hash: hash}
	if err := a.Store.CreateToken(ctx, &t); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "API token for %s (%s); it is shown only once:\n%s\n", u.Email, u.Role, secret)
	return nil
}
