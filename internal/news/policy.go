package news

// Action is something a signed-in user may be allowed to do. The rules
// live here, in the domain, so that the admin and the API check the same
// ones.
type Action string

// The actions, by the least role that may take them.
const (
	// ActionWriteDrafts: create articles and edit one's own drafts.
	ActionWriteDrafts Action = "write_drafts"
	// ActionPublishOwn: publish, schedule and unpublish one's own articles.
	ActionPublishOwn Action = "publish_own"
	// ActionEditAll: edit, publish and delete any article; manage authors,
	// tags, newsletter selection, translations and inquiries.
	ActionEditAll Action = "edit_all"
	// ActionManageSite: site settings and users.
	ActionManageSite Action = "manage_site"
)

var leastRole = map[Action]Role{
	ActionWriteDrafts: RoleContributor,
	ActionPublishOwn:  RoleAuthor,
	ActionEditAll:     RoleEditor,
	ActionManageSite:  RoleAdministrator,
}

// Can reports whether the role allows the action.
func (r Role) Can(a Action) bool {
	min, ok := leastRole[a]
	return ok && r.AtLeast(min)
}

// CanEdit reports whether u may change article a: editors any article,
// authors their own, contributors their own drafts.
func (u User) CanEdit(a Article) bool {
	switch {
	case u.Role.Can(ActionEditAll):
		return true
	case u.Role.Can(ActionPublishOwn):
		return a.CreatedBy == u.ID
	case u.Role.Can(ActionWriteDrafts):
		return a.CreatedBy == u.ID && a.Status == StatusDraft
	}
	return false
}

// CanPublish reports whether u may publish, schedule or unpublish a.
func (u User) CanPublish(a Article) bool {
	switch {
	case u.Role.Can(ActionEditAll):
		return true
	case u.Role.Can(ActionPublishOwn):
		return a.CreatedBy == u.ID
	}
	return false
}
