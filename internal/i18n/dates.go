package i18n

import (
	"strconv"
	"strings"
	"time"
)

// Dates are built from catalogue patterns such as
// "date.dateline = {month} {day}, {year} {hour}:{minute} {ampm}", so a
// translator can put the parts in the order the language wants. Each pattern
// may use:
//
//	{weekday}      full weekday name (weekday.0 is Sunday)
//	{day}          day of the month, 1 to 31
//	{month}        full month name (month.1 to month.12)
//	{month_short}  short month name (month.short.1 to month.short.12)
//	{year}         four digits
//	{hour}         hour on the 12-hour clock, two digits: 12, 01 ... 11
//	{minute}       two digits
//	{ampm}         time.am before noon, time.pm from noon
//
// Every instant is shown in the site's time zone, given to Load.

// Dateline is the date and time of an article or comment: in English
// "September 23, 2023 08:24 am". The zero time gives "".
func (c *Catalogue) Dateline(t time.Time) string { return c.date("date.dateline", t) }

// LongDate is a day with its weekday, as the masthead shows today: in
// English "Monday, January 2, 2006".
func (c *Catalogue) LongDate(t time.Time) string { return c.date("date.long", t) }

// ShortDate is a compact date and time for lists: in English
// "Jan 2, 03:04 pm".
func (c *Catalogue) ShortDate(t time.Time) string { return c.date("date.short", t) }

// Date is a day without a time, such as an episode's air date: in English
// "September 22, 2023".
func (c *Catalogue) Date(t time.Time) string { return c.date("date.day", t) }

// date fills pattern's placeholders straight from t. It is T specialised
// for dates: an article page formats one per comment, hundreds of them, so
// it avoids T's boxed arguments and fmt.
func (c *Catalogue) date(pattern string, t time.Time) string {
	if t.IsZero() {
		return ""
	}
	text, ok := c.text[pattern]
	if !ok {
		return "[" + pattern + "]"
	}
	t = t.In(c.loc)
	var b strings.Builder
	b.Grow(len(text) + 32)
	expand(&b, text, func(part string) { c.datePart(&b, part, t) })
	return b.String()
}

// datePart writes the value of one {placeholder}; an unknown one is kept
// as written, as T keeps it.
func (c *Catalogue) datePart(b *strings.Builder, part string, t time.Time) {
	switch part {
	case "{weekday}":
		b.WriteString(c.name(weekdayKeys[t.Weekday()]))
	case "{day}":
		b.WriteString(strconv.Itoa(t.Day()))
	case "{month}":
		b.WriteString(c.name(monthKeys[t.Month()]))
	case "{month_short}":
		b.WriteString(c.name(shortMonthKeys[t.Month()]))
	case "{year}":
		digits(b, t.Year(), 4)
	case "{hour}":
		hour := t.Hour() % 12
		if hour == 0 {
			hour = 12
		}
		digits(b, hour, 2)
	case "{minute}":
		digits(b, t.Minute(), 2)
	case "{ampm}":
		if t.Hour() >= 12 {
			b.WriteString(c.name("time.pm"))
		} else {
			b.WriteString(c.name("time.am"))
		}
	default:
		b.WriteString(part)
	}
}

// name is a placeholder-free text such as a month's name.
func (c *Catalogue) name(key string) string {
	if s, ok := c.text[key]; ok {
		return s
	}
	return "[" + key + "]"
}

// digits writes n with at least width digits, zeros in front.
func digits(b *strings.Builder, n, width int) {
	s := strconv.Itoa(n)
	for k := len(s); k < width; k++ {
		b.WriteByte('0')
	}
	b.WriteString(s)
}

// The catalogue keys of weekday and month names, by time.Weekday and
// time.Month, so formatting a date builds no key strings.
var (
	weekdayKeys    = keys("weekday.", 0, 6)
	monthKeys      = keys("month.", 0, 12) // [0] is unused
	shortMonthKeys = keys("month.short.", 0, 12)
)

func keys(prefix string, from, to int) []string {
	out := make([]string, to+1)
	for i := from; i <= to; i++ {
		out[i] = prefix + strconv.Itoa(i)
	}
	return out
}
