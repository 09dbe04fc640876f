// Package config holds the settings every byline command reads: flags
// first, then the BYLINE_* environment variables, then defaults. The
// result is a value passed to whoever needs it, never a global.
package config

import (
	"flag"
	"fmt"
	"net"
	"net/mail"
	"net/url"
	"path/filepath"
	"strings"
)

// Config is what a byline process needs to know about its surroundings.
type Config struct {
	// Addr is the listen address of `serve` and `demo`.
	Addr string
	// DataDir holds the SQLite database and the media files.
	DataDir string
	// DatabaseURL, when it is a postgres:// URL, selects PostgreSQL.
	DatabaseURL string
	// BaseURL is the public URL used in links, feeds and mail.
	BaseURL string
	// SMTPURL is smtp:// or smtps:// with credentials; empty logs mail.
	SMTPURL string
	// MailFrom is the From of the platform's mail; empty means
	// "Byline <noreply@host of the base URL>".
	MailFrom string
	// LogLevel is debug, info, warn or error.
	LogLevel string
	// Translate configures the machine translation engines; an engine
	// with nothing set is off. Read from the environment only, so that
	// API keys never show in a process list.
	Translate TranslateConfig

	// baseFromAddr records that BaseURL was derived from Addr, so that it
	// can follow the address actually bound (port 0 picks a free port).
	baseFromAddr bool
}

// Defaults.
const (
	DefaultAddr    = "127.0.0.1:8080"
	DefaultDataDir = "./byline-data"
)

// Env is how the environment is read; os.Getenv in main, a map in tests.
type Env func(string) string

// Register adds the shared flags to fs, with defaults taken from env, and
// returns a function that validates and returns the final Config after
// fs.Parse. withServer adds the listen address flag.
func Register(fs *flag.FlagSet, env Env, withServer bool) func() (Config, error) {
	c := &Config{}
	get := func(key, def string) string {
		if v := strings.TrimSpace(env(key)); v != "" {
			return v
		}
		return def
	}
	if withServer {
		fs.StringVar(&c.Addr, "addr", get("BYLINE_ADDR", DefaultAddr), "listen address (BYLINE_ADDR)")
	}
	fs.StringVar(&c.DataDir, "data", get("BYLINE_DATA", DefaultDataDir), "data directory: SQLite database and media (BYLINE_DATA)")
	fs.StringVar(&c.DatabaseURL, "database-url", get("BYLINE_DATABASE_URL", ""), "postgres:// URL to use PostgreSQL instead of SQLite (BYLINE_DATABASE_URL)")
	fs.StringVar(&c.BaseURL, "base-url", get("BYLINE_BASE_URL", ""), "public URL of the site, used in links, feeds and mail (BYLINE_BASE_URL)")
	fs.StringVar(&c.SMTPURL, "smtp-url", get("BYLINE_SMTP_URL", ""), "smtp:// or smtps:// URL of the mail server; empty logs mail instead (BYLINE_SMTP_URL)")
	fs.StringVar(&c.MailFrom, "mail-from", get("BYLINE_MAIL_FROM", ""), "From address of the mail Byline sends; default Byline <noreply@host of the base URL> (BYLINE_MAIL_FROM)")
	fs.StringVar(&c.LogLevel, "log-level", get("BYLINE_LOG_LEVEL", "info"), "debug, info, warn or error (BYLINE_LOG_LEVEL)")
	c.Translate = TranslateConfig{
		Apertium:          get("BYLINE_APERTIUM", ""),
		LibreTranslateURL: get("BYLINE_LIBRETRANSLATE_URL", ""),
		LibreTranslateKey: get("BYLINE_LIBRETRANSLATE_KEY", ""),
		DeepLKey:          get("BYLINE_DEEPL_KEY", ""),
		DeepLURL:          get("BYLINE_DEEPL_URL", ""),
		GoogleKey:         get("BYLINE_GOOGLE_TRANSLATE_KEY", ""),
		GoogleURL:         get("BYLINE_GOOGLE_TRANSLATE_URL", ""),
		OpenAIURL:         get("BYLINE_OPENAI_URL", ""),
		OpenAIKey:         get("BYLINE_OPENAI_KEY", ""),
		OpenAIModel:       get("BYLINE_OPENAI_MODEL", ""),
	}
	c.Translate.readRates(get)
	return func() (Config, error) {
		if err := c.finish(); err != nil {
			return Config{}, err
		}
		return *c, nil
	}
}

// finish fills derived defaults and checks every field.
func (c *Config) finish() error {
	if c.DataDir == "" {
		return fmt.Errorf("the data directory (--data, BYLINE_DATA) is empty")
	}
	c.DataDir = filepath.Clean(c.DataDir)
	if c.DatabaseURL != "" {
		u, err := url.Parse(c.DatabaseURL)
		if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
			return fmt.Errorf("the database URL (--database-url, BYLINE_DATABASE_URL) must start with postgres://")
		}
	}
	if c.Addr != "" {
		if _, _, err := net.SplitHostPort(c.Addr); err != nil {
			return fmt.Errorf("the listen address %q (--addr, BYLINE_ADDR) is not host:port: %v", c.Addr, err)
		}
	}
	if c.BaseURL == "" {
		c.BaseURL = "http://" + displayAddr(c.Addr)
		c.baseFromAddr = true
	}
	u, err := url.Parse(c.BaseURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("the base URL %q (--base-url, BYLINE_BASE_URL) must be an absolute http or https URL", c.BaseURL)
	}
	c.BaseURL = strings.TrimRight(c.BaseURL, "/")
	if c.SMTPURL != "" {
		u, err := url.Parse(c.SMTPURL)
		if err != nil || (u.Scheme != "smtp" && u.Scheme != "smtps") || u.Host == "" {
			return fmt.Errorf("the SMTP URL (--smtp-url, BYLINE_SMTP_URL) must look like smtp://user:pass@host:587 or smtps://…")
		}
	}
	if c.MailFrom != "" {
		if _, err := mail.ParseAddress(c.MailFrom); err != nil || strings.ContainsAny(c.MailFrom, "\r\n") {
			return fmt.Errorf("the mail From address %q (--mail-from, BYLINE_MAIL_FROM) is not an address such as \"Byline <noreply@example.org>\"", c.MailFrom)
		}
	}
	if err := c.Translate.check(); err != nil {
		return err
	}
	switch c.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		return fmt.Errorf("the log level %q is not one of debug, info, warn, error", c.LogLevel)
	}
	return nil
}

// displayAddr turns a listen address into one a browser can open:
// an empty or wildcard host becomes localhost.
func displayAddr(addr string) string {
	if addr == "" {
		addr = DefaultAddr
	}
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return addr
	}
	if host == "" || host == "0.0.0.0" || host == "::" {
		host = "localhost"
	}
	return net.JoinHostPort(host, port)
}

// Bound returns the config for a server that listens on addr: when the
// base URL was derived from the configured address, it follows the bound
// one.
func (c Config) Bound(addr string) Config {
	if c.baseFromAddr {
		c.BaseURL = "http://" + displayAddr(addr)
	}
	return c
}

// IsPostgres reports whether the config selects PostgreSQL.
func (c Config) IsPostgres() bool { return c.DatabaseURL != "" }

// MediaDir is where uploaded and imported files live.
func (c Config) MediaDir() string { return filepath.Join(c.DataDir, "media") }
