package pagecache

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// storyText is a news article's copy, the vocabulary for generated pages.
const storyText = `The Kalu Ganga burst its banks near Ratnapura on Tuesday after three days of
heavy rain, flooding low-lying villages and cutting the main road to Colombo. The Disaster
Management Centre said more than 4,200 families had moved to temples and schools, and that
the river was still rising at Ellagawa. Navy boats took residents from rooftops in Kuruwita
and Eheliyagoda, where water reached the second floor of some houses. The Meteorology
Department warned of more than 150 mm of rain in Sabaragamuwa and Western provinces over
the next 24 hours. Schools in the district will stay closed until Friday, the provincial
education office said. Farmers said paddy fields ready for harvest were under water.
"We lost everything in one night," said a tea smallholder in Elapatha, standing beside
the road with his family. The government announced relief of Rs. 10,000 for each family.`

// articlePage returns a plausible article page, headline to footer, with
// the given number of reader comments, the same for the same seed.
func articlePage(comments int, seed uint64) []byte {
	words := strings.Fields(storyText)
	rng := rand.New(rand.NewPCG(seed, 7))
	// Some words far more often than others, as in real text.
	word := func() string { return words[int(float64(len(words))*rng.Float64()*rng.Float64())] }
	var b strings.Builder
	b.WriteString(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Kalu Ganga bursts its banks - Dateline</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/static/css/site.3f9a1c.css">
<link rel="canonical" href="https://news.example.lk/news/1/kalu-ganga-bursts-its-banks">
<meta property="og:title" content="Kalu Ganga bursts its banks as rain floods Ratnapura villages">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Kalu Ganga bursts its banks"}</script>
</head><body><header class="masthead"><a href="/">Dateline</a><nav><a href="/section/local">Local</a>
<a href="/section/business">Business</a><a href="/section/sport">Sport</a><a href="/section/world">World</a></nav></header>
<main><article><h1>Kalu Ganga bursts its banks as rain floods low-lying Ratnapura villages</h1>
<p class="dateline">RATNAPURA, May 3</p><div class="body">`)
	for _, para := range strings.Split(storyText, ".") {
		fmt.Fprintf(&b, "<p>%s.</p>\n", strings.TrimSpace(para))
	}
	fmt.Fprintf(&b, "</div></article>\n<section class=\"comments\"><h2>%d comments</h2><ol>\n", comments)
	for range comments {
		fmt.Fprintf(&b, "<li class=\"comment\" id=\"c%d\">\n  <p class=\"who\">%s %s <time datetime=\"2025-05-%02dT%02d:%02d:%02dZ\">%d May, %d:%02d</time></p>\n  <div class=\"text\"><p>",
			1000+rng.IntN(90000), word(), word(), rng.IntN(28)+1, rng.IntN(24), rng.IntN(60), rng.IntN(60), rng.IntN(28)+1, rng.IntN(12)+1, rng.IntN(60))
		for range 20 + rng.IntN(60) {
			b.WriteString(word())
			b.WriteByte(' ')
		}
		b.WriteString("</p></div>\n</li>\n")
	}
	b.WriteString("</ol></section></main><footer>© Dateline</footer></body></html>\n")
	return []byte(b.String())
}
