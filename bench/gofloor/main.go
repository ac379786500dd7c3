// Command gofloor is the third server of bench/pages.sh: Go's net/http
// answering every request with one captured Dateline response (its status
// line's headers and gzip body, saved by curl), and doing nothing else. It
// is the floor under Dateline's cached path: the gap between it and nginx
// is net/http's own per-request cost, and the gap between Dateline and it
// is what Dateline adds (routing, middleware, cache lookup).
package main

import (
	"bufio"
	"bytes"
	"flag"
	"log"
	"net/http"
	"net/textproto"
	"os"
	"strings"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8785", "listen address")
	headers := flag.String("headers", "", "the response's headers as curl -D wrote them")
	body := flag.String("body", "", "the response's body, as sent (gzip)")
	flag.Parse()
	raw, err := os.ReadFile(*headers)
	if err != nil {
		log.Fatal(err)
	}
	payload, err := os.ReadFile(*body)
	if err != nil {
		log.Fatal(err)
	}
	tp := textproto.NewReader(bufio.NewReader(bytes.NewReader(raw)))
	if _, err := tp.ReadLine(); err != nil { // the status line
		log.Fatal(err)
	}
	mime, err := tp.ReadMIMEHeader()
	if err != nil && len(mime) == 0 {
		log.Fatal(err)
	}
	h := http.Header(mime)
	h.Del("Date") // net/http writes its own
	log.Fatal(http.ListenAndServe(*addr, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		out := w.Header()
		for k, v := range h {
			out[k] = v
		}
		if !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			http.Error(w, "gofloor serves only the gzip form", http.StatusNotAcceptable)
			return
		}
		w.Write(payload)
	})))
}
