package servertest_test

import (
	"net/http"
	"net/url"
	"strconv"
	"testing"

	"dateline/internal/auth"
	"dateline/internal/servertest"
)

// TestScenarioSendsAsEachWho runs one scenario per kind of sender through
// the real router on both engines: what a scenario says about who sends it
// is what the server sees.
func TestScenarioSendsAsEachWho(t *testing.T) {
	servertest.RunScenarios(t, nil, func(t *testing.T, f *servertest.Fixture) []servertest.Scenario {
		editor := servertest.NewTokenUser(t, f, auth.Editor, "Esha Editor")
		admin := servertest.LoginAs(t, f, servertest.NewMember(t, f, auth.Admin, "Anjali Admin"))
		return []servertest.Scenario{
			{Name: "anonymous reads the front page", Path: "/", Status: http.StatusOK,
				Contains: []string{"Geneva talks end with climate finance pledge"}, NotContains: []string{"Unfinished draft"}},
			{Name: "anonymous is sent to sign in", Path: "/newsroom/", Status: http.StatusSeeOther,
				Headers: map[string]string{"Location": "/newsroom/login?next=%2Fnewsroom%2F"}},
			{Name: "a reporter sees the desk", Path: "/newsroom/", As: servertest.AsRole(auth.Reporter), Status: http.StatusOK,
				Contains: []string{"New article"}},
			{Name: "an admin's browser opens the audit log", Path: "/newsroom/audit", As: servertest.AsBrowser(admin),
				Status: http.StatusOK, Contains: []string{"Audit log"}},
			{Name: "a token reads a draft", Path: "/api/v1/admin/articles/" + strconv.FormatInt(f.Draft.ID, 10), As: servertest.AsToken(editor.Token),
				Status: http.StatusOK, JSON: true, Contains: []string{`"status":"draft"`}},
			{Name: "no token, no draft", Path: "/api/v1/admin/articles/" + strconv.FormatInt(f.Draft.ID, 10), Status: http.StatusUnauthorized,
				JSON: true, Error: "", NotContains: []string{"Unfinished draft"}},
			{Name: "a form from another site is refused", Method: http.MethodPost, Path: "/newsroom/login",
				Body: url.Values{"email": {"a@dateline.test"}, "password": {"x"}}, Header: http.Header{"Origin": {"https://elsewhere.example"}},
				Status: http.StatusForbidden},
		}
	})
}
