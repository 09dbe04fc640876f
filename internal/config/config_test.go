package config

import (
	"flag"
	"io"
	"testing"
)

func parse(t *testing.T, env map[string]string, args ...string) (Config, error) {
	t.Helper()
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	done := Register(fs, func(k string) string { return env[k] }, true)
	if err := fs.Parse(args); err != nil {
		return Config{}, err
	}
	return done()
}

func TestDefaults(t *testing.T) {
	c, err := parse(t, nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != DefaultAddr || c.DataDir != "byline-data" || c.BaseURL != "http://127.0.0.1:8080" || c.IsPostgres() {
		t.Fatalf("defaults = %+v", c)
	}
}

func TestFlagsOverrideEnvironment(t *testing.T) {
	env := map[string]string{"BYLINE_DATA": "/env/data", "BYLINE_BASE_URL": "https://env.example/", "BYLINE_ADDR": ":9000"}
	c, err := parse(t, env, "--data", "/flag/data")
	if err != nil {
		t.Fatal(err)
	}
	if c.DataDir != "/flag/data" {
		t.Errorf("DataDir = %q, want the flag's", c.DataDir)
	}
	if c.BaseURL != "https://env.example" {
		t.Errorf("BaseURL = %q, want the environment's without trailing slash", c.BaseURL)
	}
	if c.Addr != ":9000" {
		t.Errorf("Addr = %q", c.Addr)
	}
}

func TestWildcardAddrGivesLocalhostBaseURL(t *testing.T) {
	c, err := parse(t, nil, "--addr", "0.0.0.0:8123")
	if err != nil {
		t.Fatal(err)
	}
	if c.BaseURL != "http://localhost:8123" {
		t.Errorf("BaseURL = %q", c.BaseURL)
	}
}

func TestRejectsBadSettings(t *testing.T) {
	for name, args := range map[string][]string{
		"mysql url":      {"--database-url", "mysql://x"},
		"relative base":  {"--base-url", "news.example"},
		"bad addr":       {"--addr", "8080"},
		"smtp scheme":    {"--smtp-url", "http://mail.example"},
		"log level":      {"--log-level", "loud"},
		"mail from":      {"--mail-from", "not an address"},
		"mail from crlf": {"--mail-from", "a@example.org\r\nBcc: b@example.org"},
		"empty data":     {"--data", ""},
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := parse(t, nil, args...); err == nil {
				t.Fatalf("%v accepted", args)
			}
		})
	}
}

func TestBoundFollowsThePickedPortOnlyWhenDerived(t *testing.T) {
	c, err := parse(t, nil, "--addr", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Bound("127.0.0.1:40123").BaseURL; got != "http://127.0.0.1:40123" {
		t.Errorf("derived base URL = %q", got)
	}
	c, err = parse(t, nil, "--addr", "127.0.0.1:0", "--base-url", "https://news.example")
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Bound("127.0.0.1:40123").BaseURL; got != "https://news.example" {
		t.Errorf("explicit base URL changed to %q", got)
	}
}

func TestMailFrom(t *testing.T) {
	c, err := parse(t, nil, "--mail-from", "Newsroom <desk@news.example>")
	if err != nil {
		t.Fatal(err)
	}
	if c.MailFrom != "Newsroom <desk@news.example>" {
		t.Errorf("MailFrom = %q", c.MailFrom)
	}
}
