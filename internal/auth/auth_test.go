package auth

import (
	"strings"
	"testing"
)

// cheap keeps the tests fast; the production parameters are exercised once.
var cheap = Params{Memory: 64, Time: 1, Threads: 1, KeyLen: 32, SaltLen: 16}

func TestPasswordHashVerifies(t *testing.T) {
	h, err := HashPassword("correct horse battery staple", DefaultParams)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Fatalf("hash %q does not carry the OWASP parameters", h)
	}
	ok, rehash, err := VerifyPassword(h, "correct horse battery staple", DefaultParams)
	if err != nil || !ok || rehash {
		t.Fatalf("VerifyPassword = %v, %v, %v; want true, false, nil", ok, rehash, err)
	}
}

func TestPasswordWrongAndRehash(t *testing.T) {
	h, err := HashPassword("s3cret-password", cheap)
	if err != nil {
		t.Fatal(err)
	}
	t.Run("wrong password", func(t *testing.T) {
		ok, _, err := VerifyPassword(h, "s3cret-passworD", cheap)
		if err != nil || ok {
			t.Fatalf("wrong password accepted: %v %v", ok, err)
		}
	})
	t.Run("same salt never reused", func(t *testing.T) {
		h2, _ := HashPassword("s3cret-password", cheap)
		if h2 == h {
			t.Fatal("two hashes of one password are equal: salt not random")
		}
	})
	t.Run("old parameters ask for a rehash", func(t *testing.T) {
		ok, rehash, err := VerifyPassword(h, "s3cret-password", DefaultParams)
		if err != nil || !ok || !rehash {
			t.Fatalf("VerifyPassword = %v, %v, %v; want true, true, nil", ok, rehash, err)
		}
	})
	for name, bad := range map[string]string{
		"empty": "", "bcrypt": "$2a$10$abcdefghijklmnopqrstuv", "bad params": "$argon2id$v=19$m=x$a$b",
		"huge memory": "$argon2id$v=19$m=99999999,t=1,p=1$c2FsdHNhbHQ$a2V5a2V5a2V5a2V5a2V5a2V5",
	} {
		t.Run("malformed "+name, func(t *testing.T) {
			if _, _, err := VerifyPassword(bad, "x", cheap); err == nil {
				t.Fatal("malformed hash accepted")
			}
		})
	}
}

func TestCheckPassword(t *testing.T) {
	if CheckPassword("short") == nil {
		t.Error("short password accepted")
	}
	if CheckPassword(strings.Repeat("x", MaxPasswordBytes+1)) == nil {
		t.Error("huge password accepted")
	}
	if err := CheckPassword("a good long passphrase"); err != nil {
		t.Error(err)
	}
}

func TestTokensAreUniqueAndHashed(t *testing.T) {
	s1, h1, err := NewToken()
	if err != nil {
		t.Fatal(err)
	}
	s2, _, _ := NewToken()
	if s1 == s2 || !strings.HasPrefix(s1, TokenPrefix) {
		t.Fatalf("tokens %q %q: want distinct, prefixed", s1, s2)
	}
	if HashToken(s1) != h1 || h1 == HashToken(s2) || strings.Contains(h1, s1) {
		t.Fatal("token hash is not a stable one-way function of the secret")
	}
}

func FuzzVerifyPassword(f *testing.F) {
	h, _ := HashPassword("seed-password", cheap)
	f.Add(h, "seed-password")
	f.Add("$argon2id$v=19$m=1,t=1,p=1$$", "")
	f.Fuzz(func(t *testing.T, hash, pw string) {
		ok, _, err := VerifyPassword(hash, pw, cheap)
		if err != nil && ok {
			t.Fatal("error and ok together")
		}
	})
}
