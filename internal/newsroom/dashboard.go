package newsroom

import (
	"fmt"
	"net/http"
	"time"

	"dateline/internal/auth"
	"dateline/internal/popularity"
	"dateline/internal/views"
)

// DashboardData is the data of the readership dashboard.
type DashboardData struct {
	Frame
	Lists []TopList
	Chart Chart
}

// TopList is one Most Viewed list on the dashboard.
type TopList struct {
	Title string
	Items []views.Item
}

// Chart is an SVG bar chart of views per hour, drawn by the template from
// these precomputed shapes (no chart library).
type Chart struct {
	Width, Height int
	Bars          []Bar
	Max           int64
	Total         int64
	Ticks         []Tick
}

// Bar is one hour's column.
type Bar struct {
	X, Y, W, H float64
	Label      string
	Views      int64
}

// Tick labels the time axis.
type Tick struct {
	X     float64
	Label string
}

const chartHours = 48

func (n *Newsroom) dashboard(w http.ResponseWriter, r *http.Request) error {
	if err := require(r, auth.WriteArticle, "see readership figures"); err != nil {
		return err
	}
	ctx := r.Context()
	data := DashboardData{Frame: n.frame(r, "Readership", "dashboard")}
	for _, l := range []struct {
		title  string
		kind   popularity.Kind
		window popularity.Window
	}{
		{"Articles, last 24 hours", popularity.Article, popularity.Day},
		{"Articles, last 7 days", popularity.Article, popularity.Week},
		{"Articles, last 30 days", popularity.Article, popularity.Month},
		{"Video stories, last 7 days", popularity.Video, popularity.Week},
	} {
		items, err := n.rankings.Top(ctx, l.kind, l.window, "", 10)
		if err != nil {
			return err
		}
		data.Lists = append(data.Lists, TopList{Title: l.title, Items: items})
	}
	now := n.now().UTC().Truncate(time.Hour)
	first := now.Add(-(chartHours - 1) * time.Hour)
	perHour := map[time.Time]int64{}
	for _, kind := range []popularity.Kind{popularity.Article, popularity.Video} {
		hours, err := n.store.ViewsPerHour(ctx, kind, first)
		if err != nil {
			return err
		}
		for _, h := range hours {
			perHour[h.Hour.UTC()] += h.Views
		}
	}
	data.Chart = n.chart(first, perHour)
	return n.page(w, http.StatusOK, "dashboard", data)
}

// chart lays out 48 hourly bars in a 960×240 drawing with room for labels.
func (n *Newsroom) chart(first time.Time, perHour map[time.Time]int64) Chart {
	c := Chart{Width: 960, Height: 240}
	const left, top, bottom = 40.0, 10.0, 30.0
	plotW, plotH := float64(c.Width)-left-10, float64(c.Height)-top-bottom
	for i := 0; i < chartHours; i++ {
		if v := perHour[first.Add(time.Duration(i)*time.Hour)]; v > c.Max {
			c.Max = v
		}
	}
	step := plotW / chartHours
	for i := 0; i < chartHours; i++ {
		hour := first.Add(time.Duration(i) * time.Hour)
		v := perHour[hour]
		c.Total += v
		h := 0.0
		if c.Max > 0 {
			h = plotH * float64(v) / float64(c.Max)
		}
		local := hour.In(n.cfg.Location)
		c.Bars = append(c.Bars, Bar{X: left + float64(i)*step + 1, Y: top + plotH - h, W: step - 2, H: h,
			Label: local.Format("Jan 2 15:00"), Views: v})
		if local.Hour()%6 == 0 {
			c.Ticks = append(c.Ticks, Tick{X: left + float64(i)*step, Label: local.Format("15:04")})
		}
	}
	return c
}

// viewsLabel writes a view count for people ("1.2k").
func viewsLabel(v int64) string {
	switch {
	case v >= 1_000_000:
		return fmt.Sprintf("%.1fM", float64(v)/1e6)
	case v >= 10_000:
		return fmt.Sprintf("%.0fk", float64(v)/1e3)
	case v >= 1_000:
		return fmt.Sprintf("%.1fk", float64(v)/1e3)
	}
	return fmt.Sprint(v)
}
