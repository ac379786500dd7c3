package demo_test

import (
	"context"
	"testing"
	"time"

	"dateline/internal/demo"
	"dateline/internal/markup"
	"dateline/internal/store"
	"dateline/internal/store/storetest"
)

func TestSeedOnceThenLeaveAlone(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e storetest.Engine) {
		ctx := context.Background()
		md, now := markup.New(), time.Now()
		seeded, err := demo.Seed(ctx, e.Store, md, now)
		if err != nil || !seeded {
			t.Fatalf("first seed: %v %v", seeded, err)
		}
		again, err := demo.Seed(ctx, e.Store, md, now)
		if err != nil || again {
			t.Fatalf("second seed wrote again: %v %v", again, err)
		}
		total, err := e.Store.PublishedCount(ctx, store.ListFilter{})
		if err != nil || total != len(demo.Stories) {
			t.Fatalf("published %d, want %d (%v)", total, len(demo.Stories), err)
		}
		// Every story is within the last ten days and the newest is first.
		list, err := e.Store.PublishedList(ctx, store.ListFilter{Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range list {
			if age := now.Sub(a.PublishedAt); age < 0 || age > 10*24*time.Hour {
				t.Errorf("%q published %v ago", a.Headline, age)
			}
		}
		if err := demo.Generate(ctx, e.Store, md, 50, 24*time.Hour, now.Add(-11*24*time.Hour)); err != nil {
			t.Fatal(err)
		}
		if n, _ := e.Store.PublishedCount(ctx, store.ListFilter{}); n != len(demo.Stories)+50 {
			t.Fatalf("after generate: %d", n)
		}
	})
}
