package mail

import (
	"crypto/sha256"
	"encoding/hex"
	"mime"
	"net/url"
	"strconv"
	"strings"

	"github.com/byline-news/byline/internal/news"
)

// MessageID returns a Message-ID (without angle brackets) that is the same
// every time for one edition and one subscriber: a resent edition carries
// the ID of the first try, so receivers that saw both keep one. The left
// part is 32 hex digits of SHA-256 over both keys, each prefixed by its
// length so that ("ab", "c") and ("a", "bc") differ; the right part is
// domain, lower-cased, or "localhost" when it is not a valid domain.
func MessageID(editionKey, subscriberKey, domain string) string {
	h := sha256.New()
	for _, k := range []string{editionKey, subscriberKey} {
		h.Write([]byte(strconv.Itoa(len(k)) + ":" + k))
	}
	domain = strings.ToLower(strings.TrimSpace(domain))
	if !isDotAtom(domain) {
		domain = "localhost"
	}
	return hex.EncodeToString(h.Sum(nil))[:32] + "@" + domain
}

// checkMessageID reports whether id (with or without angle brackets) is an
// RFC 5322 msg-id of the dot-atom form, id-left "@" id-right, and returns
// it without brackets.
func checkMessageID(id string) (string, error) {
	bare := strings.TrimSuffix(strings.TrimPrefix(id, "<"), ">")
	left, right, ok := strings.Cut(bare, "@")
	if !ok || !isDotAtom(left) || !isDotAtom(right) || len(bare) > 250 {
		return "", news.Errorf(news.EINVALID, "The Message-ID %q is not of the form left@right with letters, digits, dots and !#$%%&'*+-/=?^_`{|}~ only.", id)
	}
	return bare, nil
}

// isDotAtom reports whether s is RFC 5322 dot-atom-text: atext runs
// joined by single dots.
func isDotAtom(s string) bool {
	if s == "" {
		return false
	}
	for run := range strings.SplitSeq(s, ".") {
		if run == "" {
			return false
		}
		for i := 0; i < len(run); i++ {
			if !isAtext(run[i]) {
				return false
			}
		}
	}
	return true
}

// isAtext reports whether c is RFC 5322 atext (ASCII only).
func isAtext(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	return strings.IndexByte("!#$%&'*+-/=?^_`{|}~", c) >= 0
}

// listUnsubscribe returns the List-Unsubscribe value (RFC 2369) for the
// URL and mailto address, either of which may be empty: "<https://…>,
// <mailto:…>".
func listUnsubscribe(rawURL, mailto string) (string, error) {
	var parts []string
	if rawURL != "" {
		u, err := url.Parse(rawURL)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || strings.ContainsAny(rawURL, " \t<>,\"") {
			return "", news.Errorf(news.EINVALID, "The ListUnsubscribeURL %q must be an absolute https:// URL without spaces, commas or angle brackets.", rawURL)
		}
		parts = append(parts, "<"+rawURL+">")
	}
	if mailto != "" {
		addr := mailto
		if len(addr) >= 7 && strings.EqualFold(addr[:7], "mailto:") {
			addr = addr[7:]
		}
		rcpt, _, _ := strings.Cut(addr, "?")
		if _, err := parseMailAddress(rcpt); err != nil || strings.ContainsAny(addr, " \t<>,\"") {
			return "", news.Errorf(news.EINVALID, "The ListUnsubscribeMailto %q must be an address or mailto: URL without spaces, commas or angle brackets.", mailto)
		}
		parts = append(parts, "<mailto:"+addr+">")
	}
	return strings.Join(parts, ", "), nil
}

// checkHeaderValues refuses any header value of m that holds a line break
// or another control character, naming the field: such a value would
// start a header line of the sender's choosing.
func checkHeaderValues(m Message) error {
	fields := []struct{ name, value string }{
		{"To", m.To}, {"Subject", m.Subject}, {"MessageID", m.MessageID}, {"ListID", m.ListID},
		{"ListUnsubscribeURL", m.ListUnsubscribeURL}, {"ListUnsubscribeMailto", m.ListUnsubscribeMailto},
	}
	for _, f := range fields {
		if hasControl(f.value) {
			return news.Errorf(news.EINVALID, "The message's %s contains a line break or control character.", f.name)
		}
	}
	for k, v := range m.Headers {
		if !validFieldName(k) {
			return news.Errorf(news.EINVALID, "The header name %q is not a valid header field name.", k)
		}
		if hasControl(v) {
			return news.Errorf(news.EINVALID, "The header %s contains a line break or control character.", k)
		}
	}
	return nil
}

// hasControl reports whether s holds CR, LF, NUL or another ASCII control
// character other than tab.
func hasControl(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < ' ' && c != '\t') || c == 0x7f {
			return true
		}
	}
	return false
}

// validFieldName reports whether k is an RFC 5322 field name: printable
// ASCII except colon and space.
func validFieldName(k string) bool {
	if k == "" {
		return false
	}
	for i := 0; i < len(k); i++ {
		if c := k[i]; c <= ' ' || c >= 0x7f || c == ':' {
			return false
		}
	}
	return true
}

// listID returns the List-Id value (RFC 2919) for s, which is either a
// bare list identifier ("daily.news.example") or a description and the
// identifier in angle brackets ("Byline Daily <daily.news.example>"). A
// non-ASCII description is encoded as an RFC 2047 word.
func listID(s string) (string, error) {
	phrase, id := "", strings.TrimSpace(s)
	if i := strings.LastIndexByte(id, '<'); i >= 0 {
		phrase, id = strings.TrimSpace(id[:i]), id[i+1:]
		var ok bool
		if id, ok = strings.CutSuffix(id, ">"); !ok {
			id = "" // fails below
		}
	}
	if !isDotAtom(id) || !strings.Contains(id, ".") || strings.ContainsAny(phrase, "<>") {
		return "", news.Errorf(news.EINVALID, "The ListID %q must be a dotted list identifier such as \"Byline Daily <daily.news.example>\".", s)
	}
	if phrase == "" {
		return "<" + id + ">", nil
	}
	return mime.QEncoding.Encode("UTF-8", phrase) + " <" + id + ">", nil
}

// listHeaders are the checked Message-ID and list header values of a
// message, each empty when the message sets none.
type listHeaders struct {
	MessageID   string // without angle brackets
	ListID      string
	Unsubscribe string
}

// checkListHeaders validates the Message-ID and list fields of m.
func checkListHeaders(m Message) (listHeaders, error) {
	var h listHeaders
	var err error
	if m.MessageID != "" {
		if h.MessageID, err = checkMessageID(m.MessageID); err != nil {
			return listHeaders{}, err
		}
	}
	if m.ListID != "" {
		if h.ListID, err = listID(m.ListID); err != nil {
			return listHeaders{}, err
		}
	}
	if h.Unsubscribe, err = listUnsubscribe(m.ListUnsubscribeURL, m.ListUnsubscribeMailto); err != nil {
		return listHeaders{}, err
	}
	return h, nil
}
