// Command plain204 is the reference for the beacon benchmark: an HTTP server
// that reads the request body and answers 204, nothing else, so the
// difference to Dateline's beacon is the cost of counting a view.
package main

import (
	"flag"
	"io"
	"log"
	"net/http"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8781", "listen address")
	flag.Parse()
	log.Fatal(http.ListenAndServe(*addr, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, io.LimitReader(r.Body, 1<<10))
		w.WriteHeader(http.StatusNoContent)
	})))
}
