package admin

import (
	"net/http"

	"github.com/byline-news/byline/internal/news"
)

// auditPerPage is the length of a page of the audit log.
const auditPerPage = 50

type auditRow struct {
	news.AuditEntry
	When timeText
}

type auditPage struct {
	page
	Entries []auditRow
	Total   int
	Pager   pager
}

// auditList shows the audit log, newest first, a page at a time.
func (a *Admin) auditList(w http.ResponseWriter, r *http.Request, v *visit) {
	pg := pageOf(r)
	list, total, err := a.store.AuditEntries(r.Context(), news.AuditFilter{Offset: (pg - 1) * auditPerPage, Limit: auditPerPage})
	if err != nil {
		a.renderError(w, r, err)
		return
	}
	rows := make([]auditRow, len(list))
	for i, e := range list {
		rows[i] = auditRow{AuditEntry: e, When: showTime(e.At)}
	}
	a.render(w, r, http.StatusOK, "audit", auditPage{page: a.managePage(w, r, "Audit log", v),
		Entries: rows, Total: total, Pager: newPager("/admin/audit", pg, auditPerPage, total)})
}
