package apertium

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/byline-news/byline/internal/translate"
)

// Pair is a translation direction in site language codes, used to pick a
// mode (a regional variant) by configuration.
type Pair struct {
	From, To string
}

// pair is a direction the engine offers, in its own codes, and the name
// the transport calls it by: a mode ("eng-spa") or an APy langpair
// ("eng|spa").
type pair struct {
	src, dst, mode string
}

// transport is how texts reach Apertium.
type transport interface {
	// pairs lists the directions the engine offers.
	pairs(ctx context.Context) ([]pair, error)
	// translate translates one batch of HTML in the given mode.
	translate(ctx context.Context, mode, html string) (string, error)
	// maxChars is the most encoded text one call may carry.
	maxChars() int
}

// Provider is the Apertium translation provider. It is safe for
// concurrent use.
type Provider struct {
	t      transport
	modes  map[Pair]string  // configured modes, by site pair
	limits translate.Limits // kept by the transport

	mu       sync.Mutex
	cached   []pair    // nil until listed successfully
	failed   error     // the last listing's error, if it failed
	failedAt time.Time // when it failed
}

// retryListing is how long a failed listing of the pairs is remembered
// before the engine is asked again.
const retryListing = time.Minute

var (
	_ translate.Provider = (*Provider)(nil)
	_ translate.Limited  = (*Provider)(nil)
)

// Name returns "apertium".
func (p *Provider) Name() string { return "apertium" }

// Limits returns the request rate kept to: DefaultLimits, unlimited,
// unless an APy server was given others with WithLimits.
func (p *Provider) Limits() translate.Limits { return p.limits }

// Supports reports whether an installed pair translates src to dst. A
// failure to list the pairs counts as no.
func (p *Provider) Supports(ctx context.Context, src, dst string) bool {
	mode, err := p.mode(ctx, src, dst)
	return err == nil && mode != ""
}

// Translate translates texts from src to dst, one result per text in
// order, or returns an error and no texts. Texts that are only white
// space come back unchanged without asking the engine.
func (p *Provider) Translate(ctx context.Context, src, dst string, texts []string) ([]string, error) {
	mode, err := p.mode(ctx, src, dst)
	if err != nil {
		return nil, err
	}
	if mode == "" {
		return nil, fmt.Errorf("apertium: %s to %s: %w", src, dst, translate.ErrUnsupported)
	}
	out := make([]string, len(texts))
	var idx []int // texts to send, by position
	var enc []string
	for i, t := range texts {
		if strings.TrimSpace(t) == "" {
			out[i] = t
			continue
		}
		e, err := encodeText(t)
		if err != nil {
			return nil, fmt.Errorf("apertium: text %d: %w", i, err)
		}
		idx = append(idx, i)
		enc = append(enc, e)
	}
	for start := 0; start < len(enc); {
		end, size := start, 0
		for end < len(enc) && (end == start || size+len(enc[end]) <= p.t.maxChars()) {
			size += len(enc[end])
			end++
		}
		res, err := p.t.translate(ctx, mode, joinSegments(enc[start:end]))
		if err != nil {
			return nil, err
		}
		segs, err := splitSegments(res, end-start)
		if err != nil {
			return nil, fmt.Errorf("apertium %s: %w", mode, err)
		}
		for k, s := range segs {
			i := idx[start+k]
			out[i] = keepSpace(texts[i], s)
		}
		start = end
	}
	return out, nil
}

// keepSpace gives the translation the source's leading and trailing white
// space in place of any the engine added or dropped.
func keepSpace(src, got string) string {
	const space = " \t\r\n"
	core := strings.Trim(got, space)
	lead := src[:len(src)-len(strings.TrimLeft(src, space))]
	trail := src[len(strings.TrimRight(src, space)):]
	return lead + core + trail
}

// mode returns the engine's name for the direction src→dst, or "" when
// no installed pair offers it.
func (p *Provider) mode(ctx context.Context, src, dst string) (string, error) {
	pairs, err := p.pairs(ctx)
	if err != nil {
		return "", err
	}
	if want, ok := p.modes[Pair{From: src, To: dst}]; ok {
		for _, pr := range pairs {
			if pr.mode == want {
				return pr.mode, nil
			}
		}
		return "", nil
	}
	for _, s := range codes(src) {
		for _, d := range codes(dst) {
			for _, pr := range pairs {
				if pr.src == s && pr.dst == d {
					return pr.mode, nil
				}
			}
		}
	}
	return "", nil
}

// pairs returns the engine's directions, listing them once. A failed
// listing is remembered for a minute, then tried again; a listing cut
// short by ctx is not remembered.
func (p *Provider) pairs(ctx context.Context) ([]pair, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.cached != nil {
		return p.cached, nil
	}
	if p.failed != nil && time.Since(p.failedAt) < retryListing {
		return nil, p.failed
	}
	list, err := p.t.pairs(ctx)
	if err == nil && len(list) == 0 {
		err = errors.New("apertium: no language pairs are installed")
	}
	if err != nil {
		if ctx.Err() == nil {
			p.failed, p.failedAt = err, time.Now()
		}
		return nil, err
	}
	p.cached, p.failed = list, nil
	return list, nil
}

// parsePairName splits "eng-spa" or "eng-cat_valencia" into its source
// and target codes. Names of other shapes (debug modes such as
// "eng-spa-tagger") are not pairs.
func parsePairName(name string) (src, dst string, ok bool) {
	src, dst, ok = strings.Cut(name, "-")
	if !ok || !isCode(src) || !isCode(dst) {
		return "", "", false
	}
	return src, dst, true
}

// isCode reports whether s looks like an Apertium language code: letters,
// optionally followed by "_" and a variant.
func isCode(s string) bool {
	base, variant, _ := strings.Cut(s, "_")
	if len(base) < 2 || len(base) > 3 {
		return false
	}
	for _, r := range base + variant {
		if (r < 'a' || r > 'z') && (r < 'A' || r > 'Z') && (r < '0' || r > '9') {
			return false
		}
	}
	return true
}
