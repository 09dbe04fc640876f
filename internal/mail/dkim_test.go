package mail

import (
	"bytes"
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"fmt"
	"math/big"
	"slices"
	"strings"
	"testing"

	"github.com/emersion/go-msgauth/dkim"

	"github.com/byline-news/byline/internal/news"
)

// dnsRecord is the DKIM TXT record publishing key's public half.
func dnsRecord(t testing.TB, key crypto.Signer) string {
	t.Helper()
	switch pub := key.Public().(type) {
	case *rsa.PublicKey:
		der, err := x509.MarshalPKIXPublicKey(pub)
		if err != nil {
			t.Fatal(err)
		}
		return "v=DKIM1; k=rsa; p=" + base64.StdEncoding.EncodeToString(der)
	case ed25519.PublicKey:
		return "v=DKIM1; k=ed25519; p=" + base64.StdEncoding.EncodeToString(pub)
	}
	t.Fatalf("key type %T", key)
	return ""
}

// pkcs8PEM is key as a PEM "PRIVATE KEY".
func pkcs8PEM(t testing.TB, key any) []byte {
	t.Helper()
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})
}

// verify checks data's DKIM signatures against record, looked up as
// s1._domainkey.news.example only.
func verify(t *testing.T, data []byte, record string) []*dkim.Verification {
	t.Helper()
	vs, err := dkim.VerifyWithOptions(bytes.NewReader(data), &dkim.VerifyOptions{
		LookupTXT: func(domain string) ([]string, error) {
			if domain != "s1._domainkey.news.example" {
				return nil, fmt.Errorf("no TXT record for %s", domain)
			}
			return []string{record}, nil
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	return vs
}

func TestBulkDKIM(t *testing.T) {
	rsaKey, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	_, edKey, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	for name, raw := range map[string]any{"rsa": rsaKey, "ed25519": edKey} {
		t.Run(name, func(t *testing.T) {
			key, err := ParseDKIMKey(pkcs8PEM(t, raw))
			if err != nil {
				t.Fatal(err)
			}
			srv := newBulkServer()
			url, _ := startBulkServer(t, srv, false)
			b := newTestBulk(t, BulkConfig{URL: url, DKIM: &DKIMConfig{Domain: "news.example", Selector: "s1", PrivateKey: key}})
			if res := b.Send(context.Background(), issue("reader@example.org")); res.Status != Sent {
				t.Fatalf("Send = %+v", res)
			}
			data := srv.messages("reader@example.org")[0]
			vs := verify(t, data, dnsRecord(t, key))
			if len(vs) != 1 || vs[0].Err != nil || vs[0].Domain != "news.example" {
				t.Fatalf("verifications %+v, want one valid for news.example", vs)
			}
			for _, h := range []string{"from", "to", "subject", "date", "message-id", "list-id", "list-unsubscribe", "list-unsubscribe-post", "mime-version", "content-type"} {
				if !slices.ContainsFunc(vs[0].HeaderKeys, func(k string) bool { return strings.EqualFold(k, h) }) {
					t.Errorf("signature does not cover %s (h=%v)", h, vs[0].HeaderKeys)
				}
			}
			// Changing a covered header breaks the signature: the
			// unsubscribe target cannot be swapped on the way.
			tampered := bytes.Replace(data, []byte("https://news.example/unsubscribe"), []byte("https://evil.example/unsubscribe"), 1)
			if bytes.Equal(tampered, data) {
				t.Fatal("List-Unsubscribe URL not found in the message")
			}
			if vs := verify(t, tampered, dnsRecord(t, key)); len(vs) != 1 || vs[0].Err == nil {
				t.Error("signature still verifies after List-Unsubscribe was changed")
			}
		})
	}
}

func TestParseDKIMKey(t *testing.T) {
	rsaKey, err := rsa.GenerateKey(rand.Reader, 1024)
	if err != nil {
		t.Fatal(err)
	}
	ecKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	_, edKey, _ := ed25519.GenerateKey(rand.Reader)
	pkcs1 := pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(rsaKey)})

	good := []struct {
		name string
		in   []byte
		pub  crypto.PublicKey
	}{
		{"pkcs1 rsa", pkcs1, rsaKey.Public()},
		{"pkcs8 rsa", pkcs8PEM(t, rsaKey), rsaKey.Public()},
		{"pkcs8 ed25519", pkcs8PEM(t, edKey), edKey.Public()},
	}
	for _, tt := range good {
		t.Run(tt.name, func(t *testing.T) {
			key, err := ParseDKIMKey(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if eq, ok := key.Public().(interface{ Equal(crypto.PublicKey) bool }); !ok || !eq.Equal(tt.pub) {
				t.Errorf("parsed key's public half %T differs from the original", key.Public())
			}
		})
	}
	bad := []struct {
		name string
		in   []byte
		says string
	}{
		{"not PEM", []byte("ssh-rsa AAAA"), "not PEM"},
		{"certificate", pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: []byte{1}}), "CERTIFICATE"},
		{"garbage DER", pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: []byte("junk")}), "cannot be read"},
		{"ECDSA", pkcs8PEM(t, ecKey), "RSA or Ed25519"},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseDKIMKey(tt.in)
			if news.ErrorCode(err) != news.EINVALID || !strings.Contains(news.ErrorMessage(err), tt.says) {
				t.Errorf("ParseDKIMKey = %v, want EINVALID saying %q", err, tt.says)
			}
		})
	}
}

func TestCheckDKIMKeyRefusesSmallRSA(t *testing.T) {
	// Go no longer makes keys under 1024 bits; the check reads only the
	// modulus length.
	small := &rsa.PrivateKey{PublicKey: rsa.PublicKey{N: new(big.Int).Lsh(big.NewInt(1), 767), E: 65537}}
	_, err := checkDKIMKey(small)
	if news.ErrorCode(err) != news.EINVALID || !strings.Contains(news.ErrorMessage(err), "768 bits") {
		t.Errorf("checkDKIMKey(768-bit RSA) = %v, want EINVALID naming the size", err)
	}
}

func FuzzParseDKIMKey(f *testing.F) {
	_, edKey, _ := ed25519.GenerateKey(rand.Reader)
	f.Add(pkcs8PEM(f, edKey))
	f.Add([]byte("-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----\n"))
	f.Add([]byte("not a key"))
	f.Fuzz(func(t *testing.T, in []byte) {
		key, err := ParseDKIMKey(in)
		if err != nil {
			if news.ErrorCode(err) != news.EINVALID {
				t.Fatalf("error %v is not EINVALID", err)
			}
			return
		}
		if _, err := checkDKIMKey(key); err != nil {
			t.Fatalf("accepted a key checkDKIMKey refuses: %v", err)
		}
	})
}
