// Package app assembles a running Byline from its parts: it opens the store
// and the job queue, builds the services and the HTTP handlers, and runs
// the server until its context ends. The command line and the end-to-end
// tests both start Byline through it.
package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/byline-news/byline/internal/admin"
	"github.com/byline-news/byline/internal/api"
	"github.com/byline-news/byline/internal/config"
	"github.com/byline-news/byline/internal/i18n"
	"github.com/byline-news/byline/internal/ingest"
	"github.com/byline-news/byline/internal/mail"
	"github.com/byline-news/byline/internal/media"
	"github.com/byline-news/byline/internal/publishing"
	"github.com/byline-news/byline/internal/queue"
	"github.com/byline-news/byline/internal/render"
	"github.com/byline-news/byline/internal/site"
	"github.com/byline-news/byline/internal/store"
	"github.com/byline-news/byline/internal/translate"
	"github.com/byline-news/byline/internal/translation"
	"github.com/byline-news/byline/internal/urls"
)

// App is one Byline process's wired parts.
type App struct {
	Config     config.Config
	Logger     *slog.Logger
	Store      *store.Store
	Queue      *queue.Queue
	Publishing *publishing.Service
	Media      *media.Local
	URLs       *urls.Builder
	Languages  *i18n.Set
	Render     *render.Renderer
	Importer   *ingest.Importer
	// Translation keeps articles and site texts in every language;
	// Router is its engines, for the admin's quota display.
	Translation *translation.Service
	Router      *translate.Router
}

// Options say what kind of process this is.
type Options struct {
	// Work makes the process run background jobs (serve and demo do;
	// one-shot commands only queue them).
	Work bool
}

// Open connects to the database, migrates it and builds the services.
func Open(ctx context.Context, cfg config.Config, logger *slog.Logger, opts Options) (*App, error) {
	a := &App{Config: cfg, Logger: logger, Languages: i18n.Default(), Render: render.New()}
	var err error
	if a.URLs, err = urls.New(cfg.BaseURL, a.Languages.Source.Code); err != nil {
		return nil, err
	}
	if a.Media, err = media.NewLocal(cfg.MediaDir()); err != nil {
		return nil, err
	}
	if a.Store, err = store.Open(ctx, cfg.DataDir, cfg.DatabaseURL, logger); err != nil {
		return nil, err
	}
	providers, machine := engines(cfg.Translate, logger)
	a.Router = translate.NewRouter(providers, a.Store, logger)
	a.Translation = translation.New(a.Store, a.Languages, translation.Options{
		Router: a.Router, Engines: machine, Markdown: a.Render.Markdown, Logger: logger,
	})
	qopts := queue.Options{Work: opts.Work, Logger: logger, Translator: a.Translation}
	if a.Queue, err = queue.Open(ctx, a.Store, qopts); err != nil {
		a.Store.Close()
		return nil, err
	}
	a.Publishing = publishing.New(a.Store, a.Render, publishing.Options{
		Scheduler:      a.Queue,
		Watcher:        a.Queue,
		SourceLanguage: a.Languages.Source.Code,
		Logger:         logger,
	})
	a.Importer = ingest.NewImporter(a.Publishing, a.Media)
	return a, nil
}

// Close releases the database.
func (a *App) Close() error { return a.Store.Close() }

// Handler builds the whole HTTP surface: the public site, the API, and the
// middleware every response passes through. The returned site is the one
// whose cache Serve keeps fresh.
func (a *App) Handler() (http.Handler, *site.Site, error) {
	from := a.Config.MailFrom
	if from == "" {
		from = mail.DefaultFrom(a.URLs.Base())
	}
	sender, err := mail.New(a.Config.SMTPURL, from, a.Logger)
	if err != nil {
		return nil, nil, err
	}
	pub, err := site.New(site.Config{
		Mail:       sender,
		URLs:       a.URLs,
		Languages:  a.Languages,
		MediaDir:   a.Media.Dir(),
		Logger:     a.Logger,
		Translator: a.Translation,
		Queue:      a.Queue,
	}, a.Store, a.Render)
	if err != nil {
		return nil, nil, err
	}
	jsonAPI := api.New(api.Config{URLs: a.URLs, Logger: a.Logger}, a.Store, a.Publishing)
	adm, err := admin.New(admin.Config{
		Mail:       sender,
		URLs:       a.URLs,
		Logger:     a.Logger,
		Secure:     strings.HasPrefix(a.URLs.Base(), "https://"),
		Publishing: a.Publishing,
		Media:      a.Media,

		Translation:        a.Translation,
		QueueTranslation:   a.Queue.QueueTranslation,
		TranslationStopped: a.Router.Stopped,
	}, a.Store)
	if err != nil {
		return nil, nil, err
	}

	mux := http.NewServeMux()
	mux.Handle("/api/v1/", jsonAPI.Handler())
	mux.Handle("/admin/", adm.Handler())
	mux.Handle("/", pub.Handler())
	return a.middleware(mux), pub, nil
}

// Serve answers HTTP on ln and works background jobs until ctx ends, then
// drains requests and jobs for up to ten seconds.
func (a *App) Serve(ctx context.Context, ln net.Listener) error {
	h, pub, err := a.Handler()
	if err != nil {
		return err
	}
	if err := a.Queue.Start(ctx); err != nil {
		return fmt.Errorf("starting the job queue: %w", err)
	}
	watchCtx, stopWatch := context.WithCancel(ctx)
	defer stopWatch()
	go pub.WatchChanges(watchCtx, 250*time.Millisecond)

	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(a.Logger.Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()

	select {
	case err := <-errc:
		a.stopQueue()
		return err
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	err = srv.Shutdown(shutdownCtx)
	a.stopQueue()
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	return err
}

func (a *App) stopQueue() {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := a.Queue.Stop(ctx); err != nil {
		a.Logger.Warn("stopping the job queue", "err", err)
	}
}
