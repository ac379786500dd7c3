package markup

import (
	"errors"
	"fmt"
)

// ErrTooComplex is wrapped by the error Render returns for Markdown whose
// structure would make goldmark's work grow with the square of its length;
// errors.Is finds it. The error's message says what is too deep, for the
// writer.
var ErrTooComplex = errors.New("the text is too complex to lay out")

// The limits the pre-pass (check) holds Markdown to before goldmark sees it.
//
// goldmark v1.8.7 has no option to bound any of this (parser.With... offers
// none), and three of its constructs cost more than linear time:
//   - container blocks opened on one line: each block quote or list item
//     opened re-reads the rest of the line, so "> > > …" or "1. 1. 1. …"
//     costs the line's length times its depth;
//   - link destinations that never end: after "](" the parser reads the
//     destination to the next space or unmatched ")" (or, after "<", to the
//     next ">" on the line), and gives up only at the end of the line; each
//     "](" that is still open when the next one starts is read again, so
//     "[a](" repeated costs the square of the line;
//   - table rows, which are padded to the header's width: not more than
//     linear, but a 2-byte row can become a thousand cells;
//   - runs of emphasis characters of mixed kinds ("*a_", "**a~~"), each
//     closer looked for an opener across all the others;
//   - link and image labels ("[", "![") still open, which every "]" after
//     them is checked against.
//
// Real copy sits far inside: a block quote inside a quoted e-mail is two
// deep, a nested list three or four (counted from indentation at two
// columns a level, so four-space indents count double), and a paragraph
// with a few hundred links closes each before the next opens.
const (
	// MaxInput is the longest Markdown Render lays out, above news.MaxBody.
	MaxInput = 256 << 10
	// MaxQuoteDepth is how deep block quotes may nest.
	MaxQuoteDepth = 10
	// MaxListDepth is how deep lists may nest.
	MaxListDepth = 12
	// MaxTableColumns is how many columns a table may have: goldmark pads
	// every row to the header's width, so a wide header and one-letter rows
	// would multiply the output.
	MaxTableColumns = 32
	// MaxTableCells is how many cells, padding included, the tables of a
	// body may have in all: a results table of 20 columns and 500 rows has
	// 10,000.
	MaxTableCells = 20_000
	// MaxEmphasis is how many runs of "*", "_" or "~" a paragraph may hold:
	// each closing run is matched against the open ones before it, across
	// runs of the other characters, so a paragraph of "*a_" costs the square
	// of its runs. A paragraph of real copy has a few dozen.
	MaxEmphasis = 1000
	// MaxOpenLinks is how many link or image labels ("[", "![") and link
	// destinations ("](") may be open at once in a paragraph.
	MaxOpenLinks = 32
)

// complexityError is what check finds wrong; it wraps ErrTooComplex.
type complexityError struct{ msg string }

func (e *complexityError) Error() string { return e.msg }
func (e *complexityError) Unwrap() error { return ErrTooComplex }

func tooComplex(line int, format string, args ...any) error {
	return &complexityError{fmt.Sprintf("Line %d of the body ", line) + fmt.Sprintf(format, args...)}
}

// check refuses Markdown beyond the limits above, in one pass over the text
// that costs its length: after it, goldmark's work is at most linear times
// the limits. It over-counts rather than under-counts (code spans and HTML
// and code are not told apart from text): telling fenced code apart as
// goldmark does would mean parsing as it does, and a mistake there would let
// hostile text through unchecked.
func check(src string) error {
	if len(src) > MaxInput {
		return &complexityError{fmt.Sprintf("The body is %d bytes long; at most %d can be laid out.", len(src), MaxInput)}
	}
	var (
		labels    int   // "[" or "![" not yet closed in this paragraph
		emphasis  int   // runs of "*", "_" or "~" in this paragraph
		columns   int   // the width of the table being read, 0 if none
		cells     int   // table cells so far, padding included
		dests     []int // paren depth each open "](" started at
		pointy    int   // open "](<" destinations on this line
		parens    int   // "(" minus ")" since the last space
		lineNo    = 0
		lineStart = 0
	)
	for lineStart < len(src) {
		end := lineStart
		for end < len(src) && src[end] != '\n' {
			end++
		}
		line := src[lineStart:end]
		lineStart = end + 1
		lineNo++

		quotes, lists, rest := containers(line)
		if quotes > MaxQuoteDepth {
			return tooComplex(lineNo, "nests block quotes %d deep; at most %d are allowed.", quotes, MaxQuoteDepth)
		}
		if lists > MaxListDepth {
			return tooComplex(lineNo, "nests lists %d deep (counting two spaces of indent as a level); at most %d are allowed.", lists, MaxListDepth)
		}
		if cols := tableColumns(rest); cols > MaxTableColumns {
			return tooComplex(lineNo, "starts a table of %d columns; at most %d are allowed.", cols, MaxTableColumns)
		} else if cols > 0 {
			columns = max(columns, cols)
		}
		if blank(rest) || thematicBreak(rest) {
			labels, emphasis, columns = 0, 0, 0 // a paragraph ends; goldmark parses each on its own
			continue
		}
		// Every line of a table is a row of its width, whatever it holds.
		if cells += columns; cells > MaxTableCells {
			return tooComplex(lineNo, "brings the tables to more than %d cells; split the table or link to the data.", MaxTableCells)
		}
		// Destinations end at the end of a line, labels only with the paragraph.
		dests, pointy, parens = dests[:0], 0, 0
		for i := 0; i < len(rest); i++ {
			switch c := rest[i]; c {
			case '\\':
				i++
			case ' ', '\t':
				dests, parens = dests[:0], 0
			case '[':
				labels++
			case ']':
				if labels > 0 {
					labels--
				}
				if i+1 < len(rest) && rest[i+1] == '(' {
					i++
					j := i + 1
					for j < len(rest) && (rest[j] == ' ' || rest[j] == '\t') {
						j++
					}
					if j < len(rest) && rest[j] == '<' {
						pointy++
					} else {
						parens++
						dests = append(dests, parens)
					}
				}
			case '*', '_', '~':
				if i == 0 || rest[i-1] != c {
					if emphasis++; emphasis > MaxEmphasis {
						return tooComplex(lineNo, "ends a paragraph with more than %d runs of \"*\", \"_\" or \"~\"; split the paragraph.", MaxEmphasis)
					}
				}
			case '>':
				pointy = 0
			case '(':
				parens++
			case ')':
				parens--
				for len(dests) > 0 && dests[len(dests)-1] > parens {
					dests = dests[:len(dests)-1]
				}
			}
			if labels > MaxOpenLinks || len(dests)+pointy > MaxOpenLinks {
				return tooComplex(lineNo, "has more than %d links or images opened with \"[\" or \"](\" and not closed; close them with \"]\" or \")\".", MaxOpenLinks)
			}
		}
	}
	return nil
}

// containers counts the block quote markers and list levels that open line:
// list levels are list markers plus the columns of indent before markers
// over two, since a nested item needs at least two columns more than its
// parent. It returns the text after them.
func containers(line string) (quotes, lists int, rest string) {
	indent, i, afterMarker := 0, 0, false
	for {
		ws := 0
		for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
			if line[i] == '\t' {
				ws += 4 - ws%4
			} else {
				ws++
			}
			i++
		}
		if afterMarker && ws > 0 {
			ws-- // the space that belongs to the marker before
		}
		afterMarker = true
		switch {
		case i < len(line) && line[i] == '>':
			indent += ws
			quotes++
			i++
		case listMarker(line[i:]) > 0:
			if thematicBreak(line[i:]) {
				return quotes, lists + indent/2, line[i:]
			}
			indent += ws
			lists++
			i += listMarker(line[i:])
		default:
			return quotes, lists + indent/2, line[i:]
		}
		if quotes > MaxQuoteDepth || lists+indent/2 > MaxListDepth {
			return quotes, lists + indent/2, line[i:]
		}
	}
}

// listMarker is the length of the list marker ("-", "+", "*", or up to nine
// digits and "." or ")") that s starts with, followed by a space, a tab or
// the end of the line; 0 if none.
func listMarker(s string) int {
	n := 0
	if len(s) > 0 && (s[0] == '-' || s[0] == '+' || s[0] == '*') {
		n = 1
	} else {
		for n < len(s) && n < 9 && '0' <= s[n] && s[n] <= '9' {
			n++
		}
		if n == 0 || n >= len(s) || (s[n] != '.' && s[n] != ')') {
			return 0
		}
		n++
	}
	if n < len(s) && s[n] != ' ' && s[n] != '\t' {
		return 0
	}
	return n
}

// thematicBreak reports whether s is a thematic break ("* * *", "- - -"):
// it is not a list, whatever its first character looks like.
func thematicBreak(s string) bool {
	var c byte
	n := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ' ', '\t':
		case '-', '*', '_':
			if c != 0 && s[i] != c {
				return false
			}
			c = s[i]
			n++
		default:
			return false
		}
	}
	return n >= 3
}

func blank(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] != ' ' && s[i] != '\t' && s[i] != '\r' {
			return false
		}
	}
	return true
}

// tableColumns is the number of cells of line if it could be a table's
// delimiter row ("|---|:-:|"), which sets the table's width; else 0.
func tableColumns(line string) int {
	cols, dashes, cell := 0, 0, false
	for i := 0; i < len(line); i++ {
		switch line[i] {
		case '|':
			if cell {
				if dashes == 0 {
					return 0
				}
				cols++
			}
			cell, dashes = true, 0
		case '-':
			cell = true
			dashes++
		case ':', ' ', '\t', '\r':
			cell = cell || line[i] == ':'
		default:
			return 0
		}
	}
	if cell && dashes > 0 {
		cols++
	}
	return cols
}
