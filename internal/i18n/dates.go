package i18n

import (
	"fmt"
	"strconv"
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

func (c *Catalogue) date(pattern string, t time.Time) string {
	if t.IsZero() {
		return ""
	}
	t = t.In(c.loc)
	hour := t.Hour() % 12
	if hour == 0 {
		hour = 12
	}
	ampm := "time.am"
	if t.Hour() >= 12 {
		ampm = "time.pm"
	}
	m := int(t.Month())
	return c.T(pattern,
		"weekday", c.T("weekday."+strconv.Itoa(int(t.Weekday()))),
		"day", t.Day(),
		"month", c.T("month."+strconv.Itoa(m)),
		"month_short", c.T("month.short."+strconv.Itoa(m)),
		"year", fmt.Sprintf("%04d", t.Year()),
		"hour", fmt.Sprintf("%02d", hour),
		"minute", fmt.Sprintf("%02d", t.Minute()),
		"ampm", c.T(ampm),
	)
}
