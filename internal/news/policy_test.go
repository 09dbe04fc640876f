package news

import "testing"

func TestRoleMatrix(t *testing.T) {
	me := int64(7)
	ownDraft := Article{CreatedBy: me, Status: StatusDraft}
	ownPublished := Article{CreatedBy: me, Status: StatusPublished}
	othersDraft := Article{CreatedBy: 99, Status: StatusDraft}
	type want struct{ editOwnDraft, editOwnPublished, editOthers, publishOwn, publishOthers, manageSite bool }
	tests := map[Role]want{
		RoleContributor:   {true, false, false, false, false, false},
		RoleAuthor:        {true, true, false, true, false, false},
		RoleEditor:        {true, true, true, true, true, false},
		RoleAdministrator: {true, true, true, true, true, true},
		RoleOwner:         {true, true, true, true, true, true},
		Role("visitor"):   {},
	}
	for role, w := range tests {
		t.Run(string(role), func(t *testing.T) {
			u := User{ID: me, Role: role}
			got := want{
				u.CanEdit(ownDraft), u.CanEdit(ownPublished), u.CanEdit(othersDraft),
				u.CanPublish(ownDraft), u.CanPublish(othersDraft), role.Can(ActionManageSite),
			}
			if got != w {
				t.Errorf("got %+v, want %+v", got, w)
			}
		})
	}
}
