package api

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"mime"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/byline-news/byline/internal/news"
)

// maxBodyBytes bounds a request body. It leaves room above
// publishing.MaxBodyBytes for the JSON escaping of a body at that limit
// and for the other fields.
const maxBodyBytes = 12 << 20

// object is a JSON object's members by name, as sent. Handlers walk it
// member by member, which is what lets PATCH change only what was sent and
// every error name the member at fault.
type object map[string]json.RawMessage

// names returns the member names in order, so that of several mistakes
// the same one is always reported.
func (o object) names() []string { return slices.Sorted(maps.Keys(o)) }

// readObject reads the request body: one JSON object, nothing after it,
// sent as application/json and no larger than maxBodyBytes. With optional,
// an empty body (with or without a Content-Type) is an empty object.
func readObject(w http.ResponseWriter, r *http.Request, optional bool) (object, error) {
	body := bufio.NewReader(http.MaxBytesReader(w, r.Body, maxBodyBytes))
	if optional {
		if _, err := body.Peek(1); errors.Is(err, io.EOF) {
			return object{}, nil
		}
	}
	if err := requireJSON(r); err != nil {
		return nil, err
	}

	counted := &countingReader{r: body}
	dec := json.NewDecoder(counted)
	var raw json.RawMessage
	if err := dec.Decode(&raw); err != nil {
		return nil, readError(err, counted.n, optional)
	}
	end := dec.InputOffset()
	var extra json.RawMessage
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		if tooLarge(err) {
			return nil, errTooLarge()
		}
		return nil, news.Errorf(news.EINVALID,
			"The request body goes on after the JSON object that ends at byte %d; send exactly one object.", end)
	}

	raw = bytes.TrimLeft(raw, " \t\r\n")
	if len(raw) == 0 || raw[0] != '{' {
		return nil, news.Errorf(news.EINVALID, "The request body must be a JSON object, not %s.", describeRaw(raw))
	}
	var obj object
	if err := json.Unmarshal(raw, &obj); err != nil {
		return nil, news.WrapError(news.EINVALID, err, "The request body is not a JSON object.")
	}
	return obj, nil
}

// countingReader counts the bytes read through it, for the message about
// a body that ends too soon.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// requireJSON refuses bodies not declared as JSON in UTF-8: a form post or
// a text/plain body reaching the API is a client mistake worth naming.
func requireJSON(r *http.Request) error {
	ct := r.Header.Get("Content-Type")
	mt, params, err := mime.ParseMediaType(ct)
	switch {
	case ct == "":
		return unsupportedMedia("The request has a body but no Content-Type; send it as application/json.")
	case err != nil:
		return unsupportedMedia(fmt.Sprintf("The Content-Type %q cannot be parsed; send application/json.", ct))
	case mt != "application/json" && !(strings.HasPrefix(mt, "application/") && strings.HasSuffix(mt, "+json")):
		return unsupportedMedia(fmt.Sprintf("The Content-Type is %s; send application/json.", mt))
	}
	if cs, ok := params["charset"]; ok && !strings.EqualFold(cs, "utf-8") {
		return unsupportedMedia(fmt.Sprintf("The charset is %s; JSON must be sent as UTF-8.", cs))
	}
	return nil
}

func unsupportedMedia(msg string) error {
	return &httpError{status: http.StatusUnsupportedMediaType, err: news.Errorf(news.EINVALID, "%s", msg)}
}

func errTooLarge() error {
	return news.Errorf(news.ETOOLARGE, "The request body is larger than %d MiB.", maxBodyBytes>>20)
}

func tooLarge(err error) bool {
	var mbe *http.MaxBytesError
	return errors.As(err, &mbe)
}

// readError explains why the body is not a JSON value; size is how many
// bytes were read.
func readError(err error, size int64, optional bool) error {
	var syn *json.SyntaxError
	switch {
	case errors.Is(err, io.EOF):
		if optional {
			return news.Errorf(news.EINVALID, "The request body holds only white space; send a JSON object or nothing.")
		}
		return news.Errorf(news.EINVALID, "The request body is empty; send a JSON object.")
	case tooLarge(err):
		return errTooLarge()
	case errors.As(err, &syn):
		return news.Errorf(news.EINVALID, "The request body is not valid JSON: at byte %d, %s.",
			syn.Offset, strings.TrimPrefix(syn.Error(), "json: "))
	case errors.Is(err, io.ErrUnexpectedEOF):
		return news.Errorf(news.EINVALID, "The request body is not valid JSON: it ends after %d bytes, before the value is complete.", size)
	}
	return news.WrapError(news.EINVALID, err, "The request body could not be read.")
}

// describeRaw names the kind of a JSON value for an error message.
func describeRaw(raw []byte) string {
	if len(raw) == 0 {
		return "nothing"
	}
	switch raw[0] {
	case '[':
		return "an array"
	case '"':
		return "a string"
	case 't', 'f':
		return "true or false"
	case 'n':
		return "null"
	case '{':
		return "an object"
	}
	return "a number"
}

// decodeField decodes the value of member name into dst. Nested objects
// are decoded strictly: a member dst has no room for is an error. null
// sets dst to its zero value, so that PATCH can clear a field.
func decodeField(name string, raw json.RawMessage, dst any) error {
	if string(bytes.TrimSpace(raw)) == "null" {
		reflect.ValueOf(dst).Elem().SetZero()
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		return fieldError(name, err)
	}
	return nil
}

// fieldError turns a decoding error of member name into a message that
// names the member, using the path encoding/json reports within it.
func fieldError(name string, err error) error {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		path := name
		if te.Field != "" {
			path += "." + te.Field
		}
		return news.Errorf(news.EINVALID, "%s must be %s, not %s.", path, describeType(te.Type), describeValue(te.Value))
	}
	if after, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		if field, uerr := strconv.Unquote(after); uerr == nil {
			return unknownField(name + "." + field)
		}
	}
	var ne *news.Error
	if errors.As(err, &ne) {
		return err
	}
	return news.WrapError(news.EINVALID, err, "%s could not be read: %s.", name, strings.TrimPrefix(err.Error(), "json: "))
}

func unknownField(name string) error {
	return news.Errorf(news.EINVALID, "Unknown field %q.", name)
}

// describeType names what a Go type accepts, in JSON terms.
func describeType(t reflect.Type) string {
	if t == nil {
		return "another type"
	}
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number that fits"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.Struct, reflect.Map:
		return "an object"
	}
	return "another type"
}

// describeValue names the JSON value encoding/json describes as v
// ("string", "number", "number 1.5", "array").
func describeValue(v string) string {
	if n, ok := strings.CutPrefix(v, "number "); ok {
		return n
	}
	switch v {
	case "string":
		return "a string"
	case "number":
		return "a number"
	case "bool":
		return "true or false"
	case "array":
		return "an array"
	case "object":
		return "an object"
	}
	return v
}

// decodeTime decodes an RFC 3339 time; "" and null are the zero time.
func decodeTime(name string, raw json.RawMessage) (time.Time, error) {
	var s string
	if err := decodeField(name, raw, &s); err != nil {
		return time.Time{}, err
	}
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, news.Errorf(news.EINVALID,
			"%s must be an RFC 3339 time such as 2026-05-01T09:30:00Z, not %q.", name, s)
	}
	return t, nil
}

// decodeStrings decodes an array of strings, naming the item at fault.
func decodeStrings(name string, raw json.RawMessage) ([]string, error) {
	var items []json.RawMessage
	if err := decodeField(name, raw, &items); err != nil {
		return nil, err
	}
	out := make([]string, 0, len(items))
	for i, item := range items {
		var s string
		if err := decodeField(fmt.Sprintf("%s[%d]", name, i), item, &s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

// pathID is the numeric {id} of the request path. Anything else names no
// article, hence ENOTFOUND rather than EINVALID.
func pathID(r *http.Request, what string) (int64, error) {
	s := r.PathValue("id")
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id <= 0 || strings.TrimLeft(s, "0123456789") != "" {
		return 0, news.Errorf(news.ENOTFOUND, "There is no %s with the id %q; ids are positive whole numbers.", what, s)
	}
	return id, nil
}

// Paging limits.
const (
	defaultPerPage = 20
	maxPerPage     = 100
	maxPage        = 1_000_000
)

// paging reads ?page= (from 1) and ?per_page= (1 to maxPerPage).
func paging(r *http.Request) (page, error) {
	p := page{Page: 1, PerPage: defaultPerPage}
	q := r.URL.Query()
	for _, param := range []struct {
		name     string
		dst      *int
		min, max int
	}{
		{"page", &p.Page, 1, maxPage},
		{"per_page", &p.PerPage, 1, maxPerPage},
	} {
		s := q.Get(param.name)
		if s == "" {
			continue
		}
		n, err := strconv.Atoi(s)
		if err != nil || n < param.min || n > param.max {
			return page{}, news.Errorf(news.EINVALID,
				"The %s parameter must be a whole number from %d to %d, not %q.", param.name, param.min, param.max, s)
		}
		*param.dst = n
	}
	return p, nil
}

func (p page) offset() int { return (p.Page - 1) * p.PerPage }
