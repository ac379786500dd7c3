package site

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestCommentListEscapes: whatever readers write, the hand-written list
// parses back to exactly their text, in the elements it belongs in, with no
// element or attribute of theirs.
func TestCommentListEscapes(t *testing.T) {
	hostile := []string{
		`<script>window.__xss=1</script>`,
		`"><img src=x onerror=alert(1)>`,
		`' onmouseover='alert(1)`,
		`&lt;b&gt; already escaped &amp; ampersand`,
		"NUL\x00inside",
		`</li></ol><form action=//evil>`,
		`<!-- comment --> <![CDATA[ x ]]>`,
		"ශ්\u200dරී ලංකා — தமிழ்",
	}
	var sec CommentSection
	sec.Labels = CommentLabels{Reply: `Reply"><b>`, Flag: `<i>Flag`, FlagTitle: `x" onclick="alert(1)`}
	for i, s := range hostile {
		sec.Threads = append(sec.Threads, CommentView{
			CommentItem: CommentItem{ID: int64(i + 1), Name: s, Body: s + "\nsecond line", ISO: `2023-09-23T08:24:00+05:30`, When: s},
			Replies:     []CommentItem{{ID: int64(100 + i), Name: "re " + s, Body: s}},
		})
	}
	doc, err := html.Parse(strings.NewReader("<!doctype html><body>" + string(commentListHTML(&sec))))
	if err != nil {
		t.Fatal(err)
	}
	var names, bodies []string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "html", "head", "body", "ol", "li", "p", "strong", "time", "a":
			default:
				t.Errorf("unexpected element <%s> in the list", n.Data)
			}
			for _, a := range n.Attr {
				switch a.Key {
				case "class", "id", "datetime", "href", "title", "aria-label", "rel":
				default:
					t.Errorf("unexpected attribute %s=%q on <%s>", a.Key, a.Val, n.Data)
				}
				if a.Key == "title" && a.Val != sec.Labels.FlagTitle {
					t.Errorf("flag title %q, want %q", a.Val, sec.Labels.FlagTitle)
				}
			}
			switch attr(n, "class") {
			case "comment-name":
				names = append(names, textOf(n))
			case "comment-body":
				bodies = append(bodies, textOf(n))
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if len(names) != 2*len(hostile) || len(bodies) != 2*len(hostile) {
		t.Fatalf("parsed %d names and %d bodies, want %d of each", len(names), len(bodies), 2*len(hostile))
	}
	for i, s := range hostile {
		want := strings.ReplaceAll(s, "\x00", "\uFFFD")
		if names[2*i] != want || names[2*i+1] != "re "+want {
			t.Errorf("names read back %q, %q; want %q", names[2*i], names[2*i+1], want)
		}
		if bodies[2*i] != want+"\nsecond line" || bodies[2*i+1] != want {
			t.Errorf("bodies read back %q, %q; want %q", bodies[2*i], bodies[2*i+1], want)
		}
	}
}

// TestCommentListClosed: a closed thread keeps its flag links but offers no
// reply.
func TestCommentListClosed(t *testing.T) {
	sec := CommentSection{Mode: "closed", Labels: CommentLabels{Reply: "Reply", Flag: "Flag", FlagTitle: "Flag this comment"},
		Threads: []CommentView{{CommentItem: CommentItem{ID: 7, Name: "A", Body: "B"}}}}
	got := string(commentListHTML(&sec))
	if strings.Contains(got, "?reply=") || !strings.Contains(got, `href="/comments/7/flag"`) {
		t.Errorf("closed list: %s", got)
	}
	sec.Mode = "pre"
	if got := string(commentListHTML(&sec)); !strings.Contains(got, `href="?reply=7#comment-form"`) {
		t.Errorf("open list lacks the reply link: %s", got)
	}
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}
