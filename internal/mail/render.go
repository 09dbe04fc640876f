package mail

import (
	"bytes"

	gomail "github.com/wneessen/go-mail"

	"github.com/byline-news/byline/internal/news"
)

// newMsg builds the go-mail message for m from the From address from:
// text/plain, with the HTML as multipart/alternative when set, both
// quoted-printable; a Date; m's Message-ID or a random one; the list
// headers m asks for; then m.Headers. m must have passed checkMessage.
func newMsg(from string, m Message) (*gomail.Msg, error) {
	lh, err := checkListHeaders(m)
	if err != nil {
		return nil, err
	}
	msg := gomail.NewMsg()
	if err := msg.From(from); err != nil {
		return nil, news.WrapError(news.EINVALID, err, "The From address %q is not valid.", from)
	}
	if err := msg.To(m.To); err != nil {
		return nil, news.WrapError(news.EINVALID, err, "The address %q is not valid.", m.To)
	}
	msg.Subject(m.Subject)
	if lh.MessageID != "" {
		msg.SetMessageIDWithValue(lh.MessageID)
	} else {
		msg.SetMessageID()
	}
	msg.SetDate()
	msg.SetUserAgent("Byline")
	if lh.ListID != "" {
		msg.SetGenHeaderPreformatted("List-Id", lh.ListID)
	}
	if lh.Unsubscribe != "" {
		msg.SetGenHeader(gomail.HeaderListUnsubscribe, lh.Unsubscribe)
	}
	if m.ListUnsubscribeURL != "" {
		msg.SetGenHeader(gomail.HeaderListUnsubscribePost, "List-Unsubscribe=One-Click")
	}
	for k, v := range m.Headers {
		msg.SetGenHeader(gomail.Header(k), v)
	}
	msg.SetBodyString(gomail.TypeTextPlain, m.Text)
	if m.HTML != "" {
		msg.AddAlternativeString(gomail.TypeTextHTML, m.HTML)
	}
	return msg, nil
}

// render writes msg as RFC 5322 bytes with CRLF line ends into buf.
func render(msg *gomail.Msg, buf *bytes.Buffer) error {
	if _, err := msg.WriteTo(buf); err != nil {
		return news.WrapError(news.EINTERNAL, err, "The message cannot be rendered: %v", err)
	}
	return nil
}
