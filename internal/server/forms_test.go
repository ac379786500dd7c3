package server_test

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
	"dateline/internal/store/storetest"
)

// TestOpenFormsRefuseLargeBodies: the sign-in and setup forms, open to
// anyone, read at most 16 KB: a huge field (which a hundred times over took
// gigabytes) or a file is refused before any password is hashed, whether
// the size is announced or streamed.
func TestOpenFormsRefuseLargeBodies(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		f := newFixture(t, e)
		rep := newMember(t, f, auth.Reporter, "Ruwan Reporter")
		before, _ := f.app.Passwords.Runs()
		big := strings.Repeat("p", 100<<10)
		for _, path := range []string{"/newsroom/login", "/newsroom/setup"} {
			c := newBrowser(t)
			form := url.Values{"email": {rep.Email}, "password": {big}, "confirm": {big}, "name": {"X"}, "token": {"dlsetup_x"}}
			postForm(t, f, c, path, form).expect(t, http.StatusRequestEntityTooLarge, "The form is too large.")
			postMultipart(t, f, c, path, form).expect(t, http.StatusRequestEntityTooLarge, "The form is too large.")
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
			req, _ := http.NewRequest(http.MethodPost, f.srv.URL+path, pr)
			req.Header.Set("Content-Type", mw.FormDataContentType())
			send(t, f, c, req).expect(t, http.StatusRequestEntityTooLarge, "The form is too large.")
			pr.Close()
			// A small form with a file: refused too.
			postMultipart(t, f, c, path, url.Values{"email": {rep.Email}, "password": {"x"}},
				upload{field: "password", name: "p.txt", data: []byte("a file")}).expect(t, http.StatusBadRequest, "This form takes no files.")
		}
		if after, _ := f.app.Passwords.Runs(); after != before {
			t.Errorf("refused large forms ran %d password hashes", after-before)
		}
		// An ordinary sign-in still works.
		loginAs(t, f, rep)
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
		f := newFixture(t, e)
		rep := loginAs(t, f, newMember(t, f, auth.Reporter, "Ruwan Reporter"))
		postMultipart(t, f, rep, "/newsroom/videos", vdForm("Not a video", ""),
			upload{field: "video", name: "clip.mp4", data: bytes.Repeat([]byte("not an mp4 "), 300<<10)}).expect(t, http.StatusBadRequest)
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
