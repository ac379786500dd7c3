package popularity

import (
	"net/http"
	"strings"
)

// botMarkers yields, in lower case, pieces of user agents that only
// automated clients send. The named crawlers would mostly be caught by the
// generic words at the end as well; they are listed so that a reader looking
// for one finds it, and so that dropping a generic word does not quietly let
// them in. The list is a local array, not a package variable, so nothing can
// change it at run time; copying it costs less than a search of one marker.
func botMarkers(yield func(string) bool) {
	markers := [...]string{
		// Search engines.
		"googlebot", "adsbot-google", "mediapartners-google", "google-inspectiontool",
		"storebot-google", "feedfetcher-google", "apis-google", "googleother",
		"bingbot", "bingpreview", "msnbot", "adidxbot",
		"baiduspider", "yandexbot", "yandex.com/bots", "duckduckbot", "duckassistbot",
		"slurp", "sogou", "360spider", "exabot", "seznambot", "yeti/",
		"applebot", "petalbot", "amazonbot",

		// Link previews in social networks and messengers. Their in-app
		// browsers (FBAN, FB_IAB, Instagram, [LinkedInApp]) are people.
		"facebookexternalhit", "facebookcatalog", "meta-externalagent", "meta-externalfetcher",
		"twitterbot", "linkedinbot", "whatsapp", "telegrambot",
		"slackbot", "slack-imgproxy", "discordbot", "skypeuripreview",
		"pinterestbot", "redditbot", "embedly", "vkshare",

		// SEO tools and archives.
		"ahrefsbot", "semrushbot", "mj12bot", "dotbot", "blexbot", "dataforseobot",
		"serpstatbot", "barkrowler", "screaming frog",
		"ia_archiver", "archive.org_bot", "heritrix",

		// AI crawlers and assistants fetching pages.
		"gptbot", "chatgpt-user", "oai-searchbot", "claudebot", "claude-web", "claude-user",
		"anthropic-ai", "ccbot", "bytespider", "perplexitybot", "cohere-ai", "diffbot",

		// HTTP libraries and command-line tools.
		"curl", "wget", "python-requests", "python-urllib", "python-httpx", "aiohttp", "scrapy",
		"go-http-client", "okhttp", "java/", "apache-httpclient", "libwww-perl",
		"axios/", "node-fetch", "undici", "httpie", "postmanruntime", "guzzlehttp",

		// Headless browsers, speed tests and uptime monitors.
		"headlesschrome", "phantomjs", "puppeteer", "playwright", "selenium",
		"lighthouse", "chrome-lighthouse", "pagespeed", "google page speed",
		"gtmetrix", "pingdom", "statuscake", "site24x7",

		// Generic words.
		"bot", "crawl", "spider", "scraper", "headless",
	}
	for _, m := range markers {
		if !yield(m) {
			return
		}
	}
}

// notBotMarkers yields, in lower case, pieces of real browsers' user agents
// that contain one of the generic words: Cubot makes Android phones whose
// model name ("CUBOT KING KONG 3") Chrome puts in its user agent.
func notBotMarkers(yield func(string) bool) {
	yield("cubot")
}

// IsBot reports whether a view beacon's request looks automated, judged by
// its headers alone:
//
//   - a user agent that is empty, names a crawler, link previewer, monitor,
//     HTTP library or headless browser (see botMarkers), or has no
//     parenthesised platform at all ("Mozilla/5.0" alone, a library name);
//   - no Accept-Language, which every browser sends with a beacon;
//   - a prefetch or prerender (Sec-Purpose, Purpose, X-Purpose, X-Moz),
//     since the reader may never see the page;
//   - a Sec-Fetch-Dest other than "empty", the destination of a beacon or a
//     fetch; browsers too old to send it are not held to it.
//
// In-app browsers (Facebook, Instagram, TikTok, LinkedIn) are people and are
// counted; the same companies' link-preview fetchers are not.
func IsBot(h http.Header) bool {
	ua := strings.TrimSpace(h.Get("User-Agent"))
	if ua == "" || strings.TrimSpace(h.Get("Accept-Language")) == "" {
		return true
	}
	if prefetched(h) {
		return true
	}
	return botAgent(ua)
}

// botAgent reports whether a non-empty user agent is an automated client's.
func botAgent(ua string) bool {
	if !strings.Contains(ua, "(") {
		return true
	}
	ua = strings.ToLower(ua)
	for m := range notBotMarkers {
		ua = strings.ReplaceAll(ua, m, " ")
	}
	// Searching a 150-byte user agent for a hundred markers one by one
	// costs microseconds; most markers are ruled out first, for a few
	// nanoseconds each, by a pair of their bytes that the agent lacks.
	var pairs bytePairs
	pairs.add(ua)
	for m := range botMarkers {
		if pairs.has(m[0], m[1]) && pairs.has(m[len(m)-2], m[len(m)-1]) && strings.Contains(ua, m) {
			return true
		}
	}
	return false
}

// bytePairs is a bitmap of the pairs of adjacent bytes in a string, hashed
// into 4096 bits: a pair absent from the bitmap is absent from the string.
// Markers are at least two bytes long (TestMarkers).
type bytePairs [4096 / 64]uint64

func (p *bytePairs) add(s string) {
	for i := 1; i < len(s); i++ {
		h := pairHash(s[i-1], s[i])
		p[h/64] |= 1 << (h % 64)
	}
}

func (p *bytePairs) has(a, b byte) bool {
	h := pairHash(a, b)
	return p[h/64]&(1<<(h%64)) != 0
}

func pairHash(a, b byte) uint {
	return (uint(a)*31 + uint(b)) % 4096
}

// prefetched reports whether the request was made ahead of a visit that may
// never happen, or is not a beacon at all.
func prefetched(h http.Header) bool {
	for _, name := range [...]string{"Sec-Purpose", "Purpose", "X-Purpose", "X-Moz"} {
		for _, v := range h.Values(name) {
			v = strings.ToLower(v)
			// Chrome sends "prefetch;prerender" for a prerender, Safari
			// "X-Purpose: preview" for its Top Sites thumbnails.
			if strings.Contains(v, "prefetch") || strings.Contains(v, "prerender") || strings.Contains(v, "preview") {
				return true
			}
		}
	}
	for _, v := range h.Values("Sec-Fetch-Dest") {
		if !strings.EqualFold(strings.TrimSpace(v), "empty") {
			return true
		}
	}
	return false
}
