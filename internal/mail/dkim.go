package mail

import (
	"bytes"
	"crypto"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"

	"github.com/emersion/go-msgauth/dkim"

	"github.com/byline-news/byline/internal/news"
)

// DKIMConfig signs outgoing bulk mail with DKIM (RFC 6376): the public
// key is published as a TXT record at Selector._domainkey.Domain.
type DKIMConfig struct {
	Domain     string
	Selector   string
	PrivateKey crypto.Signer // *rsa.PrivateKey or ed25519.PrivateKey
}

// minRSABits is the smallest RSA key accepted: RFC 8301 forbids verifiers
// to accept less than 1024 bits.
const minRSABits = 1024

// dkimHeaders are the header fields the signature covers. A field absent
// from a message is signed as absent, so nobody can add it on the way.
var dkimHeaders = []string{
	"From", "To", "Subject", "Date", "Message-ID", "List-Id",
	"List-Unsubscribe", "List-Unsubscribe-Post", "MIME-Version", "Content-Type",
}

// ParseDKIMKey reads a PEM private key for DKIM: "RSA PRIVATE KEY"
// (PKCS #1) or "PRIVATE KEY" (PKCS #8) holding an RSA key of at least 1024
// bits or an Ed25519 key.
func ParseDKIMKey(pemBytes []byte) (crypto.Signer, error) {
	block, _ := pem.Decode(pemBytes)
	if block == nil {
		return nil, news.Errorf(news.EINVALID, "The DKIM key is not PEM: it should begin -----BEGIN PRIVATE KEY-----.")
	}
	var key any
	var err error
	switch block.Type {
	case "RSA PRIVATE KEY":
		key, err = x509.ParsePKCS1PrivateKey(block.Bytes)
	case "PRIVATE KEY":
		key, err = x509.ParsePKCS8PrivateKey(block.Bytes)
	default:
		return nil, news.Errorf(news.EINVALID, "The DKIM key is a PEM %q block; want \"PRIVATE KEY\" or \"RSA PRIVATE KEY\".", block.Type)
	}
	if err != nil {
		return nil, news.WrapError(news.EINVALID, err, "The DKIM key cannot be read: %v.", err)
	}
	return checkDKIMKey(key)
}

// checkDKIMKey accepts RSA keys of minRSABits or more and Ed25519 keys.
func checkDKIMKey(key any) (crypto.Signer, error) {
	switch k := key.(type) {
	case *rsa.PrivateKey:
		if k.N.BitLen() < minRSABits {
			return nil, news.Errorf(news.EINVALID, "The DKIM RSA key has %d bits; it needs at least %d (2048 recommended).", k.N.BitLen(), minRSABits)
		}
		return k, nil
	case ed25519.PrivateKey:
		return k, nil
	case *ed25519.PrivateKey:
		if k == nil {
			break
		}
		return *k, nil
	}
	return nil, news.Errorf(news.EINVALID, "The DKIM key is a %T; it must be RSA or Ed25519.", key)
}

// validate checks the configuration before the first message.
func (c *DKIMConfig) validate() error {
	if c.Domain == "" || !isDotAtom(c.Domain) {
		return news.Errorf(news.EINVALID, "The DKIM domain %q is not a domain name.", c.Domain)
	}
	if c.Selector == "" || !isDotAtom(c.Selector) {
		return news.Errorf(news.EINVALID, "The DKIM selector %q is not a valid selector.", c.Selector)
	}
	if c.PrivateKey == nil {
		return news.Errorf(news.EINVALID, "The DKIM configuration has no private key.")
	}
	_, err := checkDKIMKey(c.PrivateKey)
	return err
}

// sign writes the DKIM-Signature field and then msg into out, relaxed
// canonicalization for header and body, SHA-256.
func (c *DKIMConfig) sign(out *bytes.Buffer, msg []byte) error {
	err := dkim.Sign(out, bytes.NewReader(msg), &dkim.SignOptions{
		Domain:                 c.Domain,
		Selector:               c.Selector,
		Signer:                 c.PrivateKey,
		Hash:                   crypto.SHA256,
		HeaderCanonicalization: dkim.CanonicalizationRelaxed,
		BodyCanonicalization:   dkim.CanonicalizationRelaxed,
		HeaderKeys:             dkimHeaders,
	})
	if err != nil {
		return news.WrapError(news.EINTERNAL, err, "The message cannot be DKIM-signed: %v", err)
	}
	return nil
}
