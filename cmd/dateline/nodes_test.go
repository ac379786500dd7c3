package main

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"dateline/internal/store/storetest"
)

// TestNodesStartingTogetherWithDemo starts two `serve --demo` at once on
// one empty database, as several nodes behind a load balancer do. One
// seeds the demo and prints its accounts; the other waits for it, finds
// the demo there, and prints no setup link: the demo made an admin, so a
// link printed now would answer 404 when used.
func TestNodesStartingTogetherWithDemo(t *testing.T) {
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			opts := storetest.Options(t, engine)
			env := envOf(map[string]string{"DATABASE_URL": opts.DatabaseURL, "DATELINE_DATA_DIR": opts.DataDir, "DATELINE_ADDR": "127.0.0.1:0"})
			ctx, cancel := context.WithCancel(context.Background())
			outs := []*lockedBuffer{{}, {}}
			done := make(chan error, len(outs))
			for _, out := range outs {
				go func() { done <- run(ctx, []string{"serve", "--demo"}, env, out) }()
			}
			stopped := 0
			t.Cleanup(func() {
				cancel()
				for ; stopped < len(outs); stopped++ {
					select {
					case <-done:
					case <-time.After(20 * time.Second):
						t.Error("serve did not stop after its context ended")
						return
					}
				}
			})
			serving := regexp.MustCompile(`on 127\.0\.0\.1:\d+`)
			up := func() bool {
				for _, out := range outs {
					if !serving.MatchString(out.String()) {
						return false
					}
				}
				return true
			}
			for deadline := time.Now().Add(90 * time.Second); !up() && time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
				select {
				case err := <-done:
					stopped++
					t.Fatalf("a node stopped while starting: %v\nnode 1:\n%s\nnode 2:\n%s", err, outs[0], outs[1])
				default:
				}
			}
			if !up() {
				t.Fatalf("the nodes did not both start:\nnode 1:\n%s\nnode 2:\n%s", outs[0], outs[1])
			}
			seeders := 0
			for i, out := range outs {
				if strings.Contains(out.String(), "Demo newsroom accounts") {
					seeders++
				}
				if strings.Contains(out.String(), "No admin account exists yet") {
					t.Errorf("node %d printed a setup link though the demo made an admin:\n%s", i+1, out)
				}
			}
			if seeders != 1 {
				t.Errorf("%d nodes seeded the demo, want 1:\nnode 1:\n%s\nnode 2:\n%s", seeders, outs[0], outs[1])
			}
		})
	}
}
