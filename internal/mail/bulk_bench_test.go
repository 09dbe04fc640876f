package mail

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/rsa"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// BenchmarkBulkSend sends newsletter-sized messages from many goroutines
// over the default four connections into a loopback go-smtp sink that
// discards them, and reports messages per second.
func BenchmarkBulkSend(b *testing.B) {
	rsaKey, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		b.Fatal(err)
	}
	_, edKey, _ := ed25519.GenerateKey(rand.Reader)
	for _, bc := range []struct {
		name string
		dkim *DKIMConfig
	}{
		{"plain", nil},
		{"dkim-ed25519", &DKIMConfig{Domain: "news.example", Selector: "s1", PrivateKey: edKey}},
		{"dkim-rsa2048", &DKIMConfig{Domain: "news.example", Selector: "s1", PrivateKey: rsaKey}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			srv := newBulkServer()
			srv.discard = true
			url, _ := startBulkServer(b, srv, false)
			bulk := newTestBulk(b, BulkConfig{URL: url, DKIM: bc.dkim})
			m := issue("reader@example.org")
			m.HTML += fmt.Sprintf("<p>%0*d</p>", 20000, 0) // a ~20 kB edition
			var failed, n atomic.Int64
			b.SetParallelism(16)
			b.ReportAllocs()
			b.ResetTimer()
			start := time.Now()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					i := n.Add(1)
					msg := m
					msg.To = fmt.Sprintf("r%d@example.org", i)
					msg.MessageID = MessageID("bench", msg.To, "news.example")
					if res := bulk.Send(context.Background(), msg); res.Status != Sent {
						failed.Add(1)
					}
				}
			})
			elapsed := time.Since(start)
			b.StopTimer()
			if failed.Load() > 0 {
				b.Fatalf("%d sends failed", failed.Load())
			}
			if got := srv.delivered.Load(); got != n.Load() {
				b.Fatalf("sink got %d messages, want %d", got, n.Load())
			}
			b.ReportMetric(float64(n.Load())/elapsed.Seconds(), "msgs/s")
			if mb, ok := peakRSSMB(); ok {
				b.ReportMetric(mb, "peak-RSS-MB")
			}
		})
	}
}

// peakRSSMB is the process's peak resident set (sender and sink
// together) from /proc/self/status, where there is one.
func peakRSSMB() (float64, bool) {
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, false
	}
	for line := range strings.Lines(string(status)) {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 64)
			return kb / 1024, err == nil
		}
	}
	return 0, false
}
