package web

import (
	"errors"
	"io"
	"net"
	"net/http"
	"sync/atomic"
)

// SlowBodyMessage is what a client is told when its request body did not
// arrive within the server's read timeout.
const SlowBodyMessage = "The request took too long to arrive, so nothing was saved. Please try again."

// bodyWatch remembers whether reading the request body ran into the
// server's read timeout. net/http then cancels the request's context, so
// without it the handler's failure looks like a client that went away (and
// nothing is answered, which net/http sends as an empty 200), and the
// handler's error, a network timeout, looks like a database outage.
type bodyWatch struct {
	io.ReadCloser
	timedOut atomic.Bool
}

func (b *bodyWatch) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	if err != nil && err != io.EOF {
		var ne net.Error
		if errors.As(err, &ne) && ne.Timeout() {
			b.timedOut.Store(true)
		}
	}
	return n, err
}

// watchBody puts a bodyWatch on r's body; nil when the request has none, so
// that reads (GET, HEAD) cost nothing.
func watchBody(r *http.Request) *bodyWatch {
	if r.Body == nil || r.Body == http.NoBody {
		return nil
	}
	b := &bodyWatch{ReadCloser: r.Body}
	r.Body = b
	return b
}
