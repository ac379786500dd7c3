package auth

import (
	"regexp"
	"strings"
	"testing"

	"dateline/internal/news"
)

func TestCanMatrix(t *testing.T) {
	// Written out by hand so that a slip in the rules cannot also slip into
	// the expectations. Columns: reporter, editor, moderator, admin, unknown.
	const R, E, M, A, U = 0, 1, 2, 3, 4
	roles := [...]Role{R: Reporter, E: Editor, M: Moderator, A: Admin, U: Role("owner")}
	matrix := []struct {
		action Action
		allow  [5]bool
	}{
		{WriteArticle, [5]bool{true, true, false, true, false}},
		{SubmitArticle, [5]bool{true, true, false, true, false}},
		{PublishArticle, [5]bool{false, true, false, true, false}},
		{ScheduleArticle, [5]bool{false, true, false, true, false}},
		{UnpublishArticle, [5]bool{false, true, false, true, false}},
		{CorrectArticle, [5]bool{false, true, false, true, false}},
		{RestoreRevision, [5]bool{false, true, false, true, false}},
		{EditAnyArticle, [5]bool{false, true, false, true, false}},
		{UploadMedia, [5]bool{true, true, false, true, false}},
		{ManageTaxonomy, [5]bool{false, true, false, true, false}},
		{ModerateComments, [5]bool{false, false, true, true, false}},
		{ManageStaff, [5]bool{false, false, false, true, false}},
		{ViewAudit, [5]bool{false, false, false, true, false}},
		{ManageSettings, [5]bool{false, false, false, true, false}},
		{ManageOwnTokens, [5]bool{true, true, true, true, false}},
		{Action("article.delete"), [5]bool{false, false, false, false, false}},
		{Action(""), [5]bool{false, false, false, false, false}},
	}
	if len(matrix)-2 != len(Actions) {
		t.Fatalf("matrix covers %d actions, Actions has %d", len(matrix)-2, len(Actions))
	}
	for _, row := range matrix {
		for i, r := range roles {
			if got := Can(r, row.action); got != row.allow[i] {
				t.Errorf("Can(%q, %q) = %v, want %v", r, row.action, got, row.allow[i])
			}
		}
	}
	for _, r := range []Role{"", "ADMIN", " admin"} {
		for _, a := range Actions {
			if Can(r, a) {
				t.Errorf("Can(%q, %q) = true for a role that is not known", r, a)
			}
		}
	}
}

func TestCanEdit(t *testing.T) {
	const me, other = 7, 8
	tests := []struct {
		name string
		role Role
		id   int64
		ref  ArticleRef
		want bool
	}{
		{"reporter own draft", Reporter, me, ArticleRef{me, news.StatusDraft}, true},
		{"reporter own in review", Reporter, me, ArticleRef{me, news.Status("review")}, true},
		{"reporter own published", Reporter, me, ArticleRef{me, news.StatusPublished}, false},
		{"reporter own scheduled", Reporter, me, ArticleRef{me, news.StatusScheduled}, false},
		{"reporter own unpublished", Reporter, me, ArticleRef{me, news.StatusUnpublished}, false},
		{"reporter others' draft", Reporter, me, ArticleRef{other, news.StatusDraft}, false},
		{"reporter with no id", Reporter, 0, ArticleRef{0, news.StatusDraft}, false},
		{"editor others' draft", Editor, me, ArticleRef{other, news.StatusDraft}, true},
		{"editor others' published", Editor, me, ArticleRef{other, news.StatusPublished}, true},
		{"admin others' published", Admin, me, ArticleRef{other, news.StatusPublished}, true},
		{"moderator own draft", Moderator, me, ArticleRef{me, news.StatusDraft}, false},
		{"unknown role own draft", Role("intern"), me, ArticleRef{me, news.StatusDraft}, false},
		{"empty role own draft", Role(""), me, ArticleRef{me, news.StatusDraft}, false},
	}
	for _, tt := range tests {
		if got := CanEdit(tt.role, tt.id, tt.ref); got != tt.want {
			t.Errorf("%s: CanEdit = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestParseRole(t *testing.T) {
	for _, r := range Roles {
		got, err := ParseRole(string(r))
		if err != nil || got != r || !got.Valid() {
			t.Errorf("ParseRole(%q) = %q, %v", r, got, err)
		}
	}
	if got, err := ParseRole("  Editor\n"); err != nil || got != Editor {
		t.Errorf("ParseRole with space and capitals = %q, %v", got, err)
	}
	for _, s := range []string{"", "owner", "admin;drop", "reporters"} {
		_, err := ParseRole(s)
		if err == nil {
			t.Errorf("ParseRole(%q) succeeded", s)
			continue
		}
		for _, r := range Roles {
			if !strings.Contains(err.Error(), string(r)) {
				t.Errorf("ParseRole(%q) error %q does not name %q", s, err, r)
			}
		}
	}
	if Role("owner").Valid() {
		t.Error(`Role("owner").Valid() = true`)
	}
}

func TestNewToken(t *testing.T) {
	shape := regexp.MustCompile(`^[A-Za-z0-9_-]{43}$`)
	seen := map[string]bool{}
	for _, prefix := range []string{"dls_", "dlt_", "dlsetup_", ""} {
		for range 50 {
			tok, hash := NewToken(prefix)
			rest, ok := strings.CutPrefix(tok, prefix)
			if !ok || !shape.MatchString(rest) {
				t.Fatalf("NewToken(%q) = %q, want prefix then 43 URL-safe characters", prefix, tok)
			}
			if hash != HashToken(tok) {
				t.Fatalf("NewToken(%q) hash %q is not HashToken of the token", prefix, hash)
			}
			if seen[tok] {
				t.Fatalf("NewToken returned %q twice", tok)
			}
			seen[tok] = true
		}
	}
}

func TestHashToken(t *testing.T) {
	// sha256("dls_abc"), computed independently with sha256sum.
	const want = "d87a0f82cb26c763300bfb9f12f835223a9e752b6df3c5ce652f844177b8a19c"
	for range 3 {
		if got := HashToken("dls_abc"); got != want {
			t.Fatalf("HashToken(%q) = %q, want %q", "dls_abc", got, want)
		}
	}
	if HashToken("dls_abc") == HashToken("dlt_abc") {
		t.Error("HashToken ignores the prefix")
	}
}

func TestCanView(t *testing.T) {
	own := ArticleRef{OwnerID: 7, Status: "published"}
	draft := ArticleRef{OwnerID: 7, Status: "draft"}
	cases := []struct {
		role Role
		ref  ArticleRef
		want bool
	}{
		{Reporter, draft, true}, {Reporter, own, true}, {Reporter, ArticleRef{OwnerID: 8, Status: "draft"}, false},
		{Reporter, ArticleRef{OwnerID: 8, Status: "published"}, false}, {Reporter, ArticleRef{Status: "published"}, false},
		{Editor, own, true}, {Admin, own, true}, {Moderator, draft, false}, {Role("intern"), draft, false},
	}
	for _, tc := range cases {
		if got := CanView(tc.role, 7, tc.ref); got != tc.want {
			t.Errorf("CanView(%s, %+v) = %v, want %v", tc.role, tc.ref, got, tc.want)
		}
	}
}
