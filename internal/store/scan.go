package store

import (
	"database/sql/driver"
	"fmt"
	"time"
)

// utc scans an instant from either engine. SQLite hands back text when the
// column's declared type is lost (views, aggregates), PostgreSQL a time.Time.
type utc struct {
	t     time.Time
	valid bool
}

// Scan implements sql.Scanner.
func (u *utc) Scan(v any) error {
	switch x := v.(type) {
	case nil:
		*u = utc{}
	case time.Time:
		*u = utc{x.UTC(), true}
	case string:
		return u.parse(x)
	case []byte:
		return u.parse(string(x))
	default:
		return fmt.Errorf("store: cannot scan %T as a time", v)
	}
	return nil
}

var sqliteLayouts = []string{
	"2006-01-02 15:04:05.999999999-07:00",
	"2006-01-02T15:04:05.999999999-07:00",
	"2006-01-02 15:04:05.999999999",
	time.RFC3339Nano,
}

func (u *utc) parse(s string) error {
	for _, l := range sqliteLayouts {
		if t, err := time.Parse(l, s); err == nil {
			*u = utc{t.UTC(), true}
			return nil
		}
	}
	return fmt.Errorf("store: unreadable time %q", s)
}

// dbTime prepares an instant for storage: UTC, microsecond precision (what
// PostgreSQL keeps), NULL when zero.
func dbTime(t time.Time) driver.Valuer { return timeValue(t) }

type timeValue time.Time

func (t timeValue) Value() (driver.Value, error) {
	tt := time.Time(t)
	if tt.IsZero() {
		return nil, nil
	}
	return tt.UTC().Truncate(time.Microsecond), nil
}
