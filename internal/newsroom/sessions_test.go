package newsroom_test

import (
	"net/http"
	"testing"
	"time"

	"dateline/internal/auth"
	"dateline/internal/servertest"
	"dateline/internal/store/storetest"
)

// TestNewsroomSessionEndsWhenIdle checks the idle limit of staff sessions
// (12 hours without a request), which bounds how long a cookie left on a
// shared or stolen machine stays useful: 11 hours idle still works, 13 hours
// signs the member out, and the session is gone, not merely refused once.
func TestNewsroomSessionEndsWhenIdle(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		c := servertest.LoginAs(t, f, servertest.NewMember(t, f, auth.Editor, "Eranga Editor"))
		lastSeen := func(ago time.Duration) {
			t.Helper()
			at := time.Now().Add(-ago).UTC().Format("2006-01-02 15:04:05.999999-07:00")
			storetest.Exec(t, e, "UPDATE sessions SET last_seen_at = '"+at+"'")
		}
		signedOut := "/newsroom/login?next=%2Fnewsroom%2F"

		servertest.GetPage(t, f, c, "/newsroom/").Expect(t, http.StatusOK)
		lastSeen(11 * time.Hour)
		servertest.GetPage(t, f, c, "/newsroom/").Expect(t, http.StatusOK)
		lastSeen(13 * time.Hour)
		servertest.GetPage(t, f, c, "/newsroom/").ExpectRedirect(t, "after 13 hours idle", signedOut)
		lastSeen(0)
		servertest.GetPage(t, f, c, "/newsroom/").ExpectRedirect(t, "the idle session, later", signedOut)
	})
}
