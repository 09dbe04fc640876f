package httperr

import (
	"errors"
	"fmt"
	"net/http"
	"testing"

	"github.com/byline-news/byline/internal/news"
)

func TestStatus(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want int
	}{
		{"nil", nil, http.StatusOK},
		{"invalid", news.Errorf(news.EINVALID, "x"), http.StatusBadRequest},
		{"wrapped not found", fmt.Errorf("ctx: %w", news.Errorf(news.ENOTFOUND, "x")), http.StatusNotFound},
		{"conflict", news.Errorf(news.ECONFLICT, "x"), http.StatusConflict},
		{"too large", news.Errorf(news.ETOOLARGE, "x"), http.StatusRequestEntityTooLarge},
		{"plain error", errors.New("boom"), http.StatusInternalServerError},
		{"unknown code", news.Errorf("weird", "x"), http.StatusInternalServerError},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Status(tt.err); got != tt.want {
				t.Errorf("Status = %d, want %d", got, tt.want)
			}
		})
	}
}
