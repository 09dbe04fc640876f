package view

import (
	"os"
	"testing"
)

func TestScratchDump(t *testing.T) {
	v, err := New()
	if err != nil {
		t.Fatal(err)
	}
	f, _ := os.Create("/tmp/vt/article.html")
	defer f.Close()
	if err := v.Render(f, PageArticle, samplePage(PageArticle)); err != nil {
		t.Fatal(err)
	}
}
