package newsroom_test

import (
	"bytes"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"

	"dateline/internal/auth"
	"dateline/internal/servertest"
	"dateline/internal/store/storetest"
)

// TestOpenFormsRefuseLargeBodies: the sign-in and setup forms, open to
// anyone, read at most 16 KB: a huge field (which a hundred times over took
// gigabytes) or a file is refused before any password is hashed, whether
// the size is announced or streamed.
func TestOpenFormsRefuseLargeBodies(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		rep := servertest.NewMember(t, f, auth.Reporter, "Ruwan Reporter")
		before, _ := f.App.Passwords.Runs()
		big := strings.Repeat("p", 100<<10)
		for _, path := range []string{"/newsroom/login", "/newsroom/setup"} {
			c := servertest.NewBrowser(t)
			form := url.Values{"email": {rep.Email}, "password": {big}, "confirm": {big}, "name": {"X"}, "token": {"dlsetup_x"}}
			servertest.PostForm(t, f, c, path, form).Expect(t, http.StatusRequestEntityTooLarge, "The form is too large.")
			servertest.PostMultipart(t, f, c, path, form).Expect(t, http.StatusRequestEntityTooLarge, "The form is too large.")
			// Streamed, with no length announced.
			pr, pw := io.Pipe()
			mw := multipart.NewWriter(pw)
			go func() {
				mw.WriteField("email", rep.Email)
				w, _ := mw.CreateFormField("password")
				for range 64 {
					w.Write(bytes.Repeat([]byte("q"), 64<<10))
				}
				pw.CloseWithError(mw.Close())
			}()
			req, _ := http.NewRequest(http.MethodPost, f.Srv.URL+path, pr)
			req.Header.Set("Content-Type", mw.FormDataContentType())
			servertest.Send(t, f, c, req).Expect(t, http.StatusRequestEntityTooLarge, "The form is too large.")
			pr.Close()
			// A small form with a file: refused too.
			servertest.PostMultipart(t, f, c, path, url.Values{"email": {rep.Email}, "password": {"x"}},
				servertest.Upload{Field: "password", Name: "p.txt", Data: []byte("a file")}).Expect(t, http.StatusBadRequest, "This form takes no files.")
		}
		if after, _ := f.App.Passwords.Runs(); after != before {
			t.Errorf("refused large forms ran %d password hashes", after-before)
		}
		// An ordinary sign-in still works.
		servertest.LoginAs(t, f, rep)
	})
}

// TestNewsroomUploadsLeaveNoSpooledFiles: a newsroom form big enough to be
// spooled to disk (here a video that is not one) leaves no file behind once
// answered; the spooled files of the request copy the handler parsed used
// to stay in the temporary folder for good.
func TestNewsroomUploadsLeaveNoSpooledFiles(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := servertest.New(t, e)
		rep := servertest.LoginAs(t, f, servertest.NewMember(t, f, auth.Reporter, "Ruwan Reporter"))
		servertest.PostMultipart(t, f, rep, "/newsroom/videos", vdForm("Not a video", ""),
			servertest.Upload{Field: "video", Name: "clip.mp4", Data: bytes.Repeat([]byte("not an mp4 "), 300<<10)}).Expect(t, http.StatusBadRequest)
		left, err := os.ReadDir(tmp)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, d := range left {
			if strings.HasPrefix(d.Name(), "multipart-") {
				names = append(names, d.Name())
			}
		}
		if len(names) > 0 {
			t.Fatalf("spooled upload files left behind: %v", names)
		}
	})
}
