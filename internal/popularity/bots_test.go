package popularity

import (
	"net/http"
	"strings"
	"testing"
)

// botAgents are user agents of real crawlers, link previewers, monitors,
// HTTP libraries and headless browsers, as they appear in access logs.
var botAgents = []string{
	"Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
	"Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.6422.175 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
	"AdsBot-Google (+http://www.google.com/adsbot.html)",
	"Mozilla/5.0 (compatible; Google-InspectionTool/1.0;)",
	"Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
	"Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)",
	"Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)",
	"DuckDuckBot/1.1; (+http://duckduckgo.com/duckduckbot.html)",
	"Mozilla/5.0 (compatible; Yahoo! Slurp; http://help.yahoo.com/help/us/ysearch/slurp)",
	"facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
	"meta-externalagent/1.1 (+https://developers.facebook.com/docs/sharing/webmasters/crawler)",
	"Twitterbot/1.0",
	"LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)",
	"WhatsApp/2.23.20.0 A",
	"WhatsApp/2.2407.3 i",
	"TelegramBot (like TwitterBot)",
	"Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
	"Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)",
	"Mozilla/5.0 (Windows NT 6.1; WOW64) SkypeUriPreview Preview/0.5 skype-url-preview@microsoft.com",
	"Mozilla/5.0 (compatible; Pinterestbot/1.0; +http://www.pinterest.com/bot.html)",
	"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/13.1.1 Safari/605.1.15 (Applebot/0.1; +http://www.apple.com/go/applebot)",
	"Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)",
	"Mozilla/5.0 (compatible; SemrushBot/7~bl; +http://www.semrush.com/bot.html)",
	"Mozilla/5.0 (compatible; MJ12bot/v1.4.8; http://mj12bot.com/)",
	"Mozilla/5.0 (compatible; DotBot/1.2; +https://opensiteexplorer.org/dotbot; help@moz.com)",
	"Mozilla/5.0 (compatible; DataForSeoBot/1.0; +https://dataforseo.com/dataforseo-bot)",
	"Mozilla/5.0 (Linux; Android 7.0;) AppleWebKit/537.36 (KHTML, like Gecko) Mobile Safari/537.36 (compatible; PetalBot;+https://webmaster.petalsearch.com/site/petalbot)",
	"Mozilla/5.0 (compatible; SeznamBot/4.0; +https://o-seznam.cz/napoveda/vyhledavani/en/seznambot-crawler/)",
	"Mozilla/5.0 (compatible; Yeti/1.1; +https://naver.me/spd)",
	"Sogou web spider/4.0(+http://www.sogou.com/docs/help/webmasters.htm#07)",
	"ia_archiver (+http://www.alexa.com/site/help/webmasters; crawler@alexa.com)",
	"Mozilla/5.0 (compatible; archive.org_bot +http://archive.org/details/archive.org_bot)",
	"Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2; +https://openai.com/gptbot)",
	"Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko); compatible; ChatGPT-User/1.0; +https://openai.com/bot",
	"Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; ClaudeBot/1.0; +claudebot@anthropic.com)",
	"CCBot/2.0 (https://commoncrawl.org/faq/)",
	"Mozilla/5.0 (Linux; Android 5.0) AppleWebKit/537.36 (KHTML, like Gecko) Mobile Safari/537.36 (compatible; Bytespider; spider-feedback@bytedance.com)",
	"Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; Amazonbot/0.1; +https://developer.amazon.com/support/amazonbot) Chrome/119.0.6045.214 Safari/537.36",
	"Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; PerplexityBot/1.0; +https://perplexity.ai/perplexitybot)",
	"curl/8.5.0",
	"Wget/1.21.4",
	"python-requests/2.31.0",
	"Python-urllib/3.11",
	"Scrapy/2.11.0 (+https://scrapy.org)",
	"Go-http-client/1.1",
	"Go-http-client/2.0",
	"okhttp/4.12.0",
	"Java/17.0.8",
	"Apache-HttpClient/4.5.14 (Java/17.0.9)",
	"libwww-perl/6.72",
	"axios/1.6.2",
	"node-fetch/1.0 (+https://github.com/bitinn/node-fetch)",
	"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.6099.109 Safari/537.36",
	"Mozilla/5.0 (Unknown; Linux x86_64) AppleWebKit/538.1 (KHTML, like Gecko) PhantomJS/2.1.1 Safari/538.1",
	"Mozilla/5.0 (Linux; Android 11; moto g power (2022)) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0.0.0 Mobile Safari/537.36 Chrome-Lighthouse",
	"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/58.0.3029.110 Safari/537.36 Google Page Speed Insights",
	"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 PTST/240201.150414 GTmetrix",
	"Pingdom.com_bot_version_1.4_(http://www.pingdom.com/)",
	"Mozilla/5.0",
}

// browserAgents are user agents of real browsers, including in-app
// browsers, which are people reading a story someone shared.
var browserAgents = []string{
	// Chrome
	"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
	"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
	"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
	"Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
	"Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36",
	"Mozilla/5.0 (Linux; Android 13; SM-A536E) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/116.0.0.0 Mobile Safari/537.36",
	"Mozilla/5.0 (Linux; Android 9; CUBOT KING KONG 3) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/90.0.4430.210 Mobile Safari/537.36",
	"Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/124.0.6367.88 Mobile/15E148 Safari/604.1",
	// Safari
	"Mozilla/5.0 (iPhone; CPU iPhone OS 17_4_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Mobile/15E148 Safari/604.1",
	"Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1",
	"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Safari/605.1.15",
	// Samsung Internet
	"Mozilla/5.0 (Linux; Android 14; SAMSUNG SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/24.0 Chrome/117.0.0.0 Mobile Safari/537.36",
	"Mozilla/5.0 (Linux; Android 11; SAMSUNG SM-A515F) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/14.2 Chrome/87.0.4280.141 Mobile Safari/537.36",
	// Firefox
	"Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 Firefox/125.0",
	"Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:124.0) Gecko/20100101 Firefox/124.0",
	"Mozilla/5.0 (Android 14; Mobile; rv:125.0) Gecko/125.0 Firefox/125.0",
	"Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) FxiOS/125.0 Mobile/15E148 Safari/605.1.15",
	// Edge
	"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.80",
	"Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36 EdgA/124.0.2478.64",
	// Opera and Opera Mini
	"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/123.0.0.0 Safari/537.36 OPR/109.0.0.0",
	"Opera/9.80 (Android; Opera Mini/36.2.2254/119.132; U; id) Presto/2.12.423 Version/12.16",
	"Opera/9.80 (J2ME/MIDP; Opera Mini/9.80 (S60; SymbOS; Opera Mobi/23.348; U; en) Presto/2.5.25 Version/10.54",
	// UC Browser
	"Mozilla/5.0 (Linux; U; Android 10; en-US; RMX1911 Build/QKQ1.200209.002) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/78.0.3904.108 UCBrowser/13.4.0.1306 Mobile Safari/537.36",
	"Mozilla/5.0 (Linux; U; Android 8.1.0; en-US; Redmi 6A Build/O11019) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/57.0.2987.108 UCBrowser/12.13.5.1209 Mobile Safari/537.36",
	// Other Android browsers
	"Mozilla/5.0 (Linux; Android 10; HarmonyOS; ELS-NX9; HMSCore 6.13.0.302) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/114.0.5735.196 HuaweiBrowser/14.0.5.302 Mobile Safari/537.36",
	"Mozilla/5.0 (Linux; U; Android 12; en-us; 2201117TG Build/SKQ1.211103.001) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/112.0.5615.136 Mobile Safari/537.36 XiaoMi/MiuiBrowser/14.7.0-gn",
	"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 YaBrowser/24.4.0.0 Safari/537.36",
	// In-app browsers: Facebook, Instagram, TikTok, LinkedIn, Google app, WebView
	"Mozilla/5.0 (iPhone; CPU iPhone OS 17_3_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [FBAN/FBIOS;FBAV/452.0.0.39.110;FBBV/574542520;FBDV/iPhone14,5;FBMD/iPhone;FBSN/iOS;FBSV/17.3.1;FBSS/3;FBID/phone;FBLC/en_US;FBOP/5;FBRV/576307213]",
	"Mozilla/5.0 (Linux; Android 13; SM-A536E Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/120.0.6099.230 Mobile Safari/537.36 [FB_IAB/FB4A;FBAV/446.0.0.33.115;]",
	"Mozilla/5.0 (iPhone; CPU iPhone OS 17_2_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Instagram 314.0.0.20.114 (iPhone14,7; iOS 17_2_1; en_US; en; scale=3.00; 1170x2532; 553306094)",
	"Mozilla/5.0 (Linux; Android 12; SM-G991B Build/SP1A.210812.016; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/120.0.6099.144 Mobile Safari/537.36 Instagram 312.1.0.34.111 Android (31/12; 480dpi; 1080x2177; samsung; SM-G991B; o1s; exynos2100; en_US; 548323757)",
	"Mozilla/5.0 (Linux; Android 12; 2201117TG Build/SKQ1.211006.001; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/108.0.5359.128 Mobile Safari/537.36 trill_310403 JsSdk/1.0 NetType/WIFI Channel/googleplay AppName/musical_ly app_version/31.4.3 ByteLocale/en ByteFullLocale/en Region/LK",
	"Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [LinkedInApp]/9.29.6",
	"Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) GSA/312.0.622097330 Mobile/15E148 Safari/604.1",
	"Mozilla/5.0 (Linux; Android 11; Redmi Note 8 Pro Build/RP1A.200720.011; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/120.0.6099.210 Mobile Safari/537.36",
}

// beaconHeaders returns the headers a browser sends with a view beacon.
func beaconHeaders(ua string) http.Header {
	h := http.Header{}
	h.Set("User-Agent", ua)
	h.Set("Accept-Language", "si-LK,si;q=0.9,en-GB;q=0.8,en;q=0.7")
	h.Set("Sec-Fetch-Dest", "empty")
	h.Set("Sec-Fetch-Mode", "no-cors")
	h.Set("Sec-Fetch-Site", "same-origin")
	return h
}

func TestIsBotAgents(t *testing.T) {
	if len(botAgents) < 25 || len(browserAgents) < 25 {
		t.Fatalf("want at least 25 user agents each way, have %d bots and %d browsers", len(botAgents), len(browserAgents))
	}
	for _, ua := range botAgents {
		if !IsBot(beaconHeaders(ua)) {
			t.Errorf("IsBot(%q) = false, want true", ua)
		}
	}
	for _, ua := range browserAgents {
		if IsBot(beaconHeaders(ua)) {
			t.Errorf("IsBot(%q) = true, want false", ua)
		}
	}
}

func TestIsBotHeaders(t *testing.T) {
	const safari = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Mobile/15E148 Safari/604.1"
	tests := []struct {
		name string
		edit func(http.Header)
		want bool
	}{
		{"beacon", func(http.Header) {}, false},
		{"no Sec-Fetch headers (older Safari)", func(h http.Header) {
			h.Del("Sec-Fetch-Dest")
			h.Del("Sec-Fetch-Mode")
			h.Del("Sec-Fetch-Site")
		}, false},
		{"Sec-Fetch-Dest in capitals", func(h http.Header) { h.Set("Sec-Fetch-Dest", "Empty") }, false},
		{"Sec-Purpose other than prefetch", func(h http.Header) { h.Set("Sec-Purpose", "anonymous-client-ip") }, false},
		{"no user agent", func(h http.Header) { h.Del("User-Agent") }, true},
		{"empty user agent", func(h http.Header) { h.Set("User-Agent", "") }, true},
		{"blank user agent", func(h http.Header) { h.Set("User-Agent", "   ") }, true},
		{"no Accept-Language", func(h http.Header) { h.Del("Accept-Language") }, true},
		{"empty Accept-Language", func(h http.Header) { h.Set("Accept-Language", "") }, true},
		{"Sec-Purpose prefetch", func(h http.Header) { h.Set("Sec-Purpose", "prefetch") }, true},
		{"Sec-Purpose prerender", func(h http.Header) { h.Set("Sec-Purpose", "prefetch;prerender") }, true},
		{"Sec-Purpose private prefetch", func(h http.Header) { h.Set("Sec-Purpose", "prefetch;anonymous-client-ip") }, true},
		{"Purpose prefetch", func(h http.Header) { h.Set("Purpose", "prefetch") }, true},
		{"Purpose Prefetch", func(h http.Header) { h.Set("Purpose", "Prefetch") }, true},
		{"X-Moz prefetch", func(h http.Header) { h.Set("X-Moz", "prefetch") }, true},
		{"X-Purpose preview (Safari Top Sites)", func(h http.Header) { h.Set("X-Purpose", "preview") }, true},
		{"Sec-Purpose as a second value", func(h http.Header) { h.Add("Sec-Purpose", "x"); h.Add("Sec-Purpose", "prefetch") }, true},
		{"Sec-Fetch-Dest document", func(h http.Header) { h.Set("Sec-Fetch-Dest", "document") }, true},
		{"Sec-Fetch-Dest iframe", func(h http.Header) { h.Set("Sec-Fetch-Dest", "iframe") }, true},
		{"Sec-Fetch-Dest image", func(h http.Header) { h.Set("Sec-Fetch-Dest", "image") }, true},
		{"Sec-Fetch-Dest blank", func(h http.Header) { h.Set("Sec-Fetch-Dest", "") }, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := beaconHeaders(safari)
			tt.edit(h)
			if got := IsBot(h); got != tt.want {
				t.Errorf("IsBot(%v) = %v, want %v", h, got, tt.want)
			}
		})
	}
}

// TestIsBotHostile feeds user agents built to slip through or to trip the
// filter up.
func TestIsBotHostile(t *testing.T) {
	tests := []struct {
		ua   string
		want bool
	}{
		{"Mozilla/5.0 (Windows NT 10.0; Win64; x64) GOOGLEBOT/2.1", true},
		{"Mozilla/5.0 (compatible; cubot-crawler/1.0)", true}, // the Cubot exception hides "bot", not "crawl"
		{"Mozilla/5.0 (Linux; Android 10; CUBOTBOT)", true},
		{"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Headless", true},
		{"\x00\x01(\xff\xfe)", false}, // garbage with a platform is not a known bot; the dedupe still bounds it
		{"Mozilla/5.0 (" + string(make([]byte, 4096)) + ")", false},
	}
	for _, tt := range tests {
		if got := IsBot(beaconHeaders(tt.ua)); got != tt.want {
			t.Errorf("IsBot(%q) = %v, want %v", tt.ua, got, tt.want)
		}
	}
}

// TestMarkers checks the lists' format: lower case, long enough for the
// byte-pair filter, no stray spaces, no duplicates.
func TestMarkers(t *testing.T) {
	seen := map[string]bool{}
	for _, list := range []func(func(string) bool){botMarkers, notBotMarkers} {
		for m := range list {
			if len(m) < 2 || m != strings.ToLower(m) || m != strings.TrimSpace(m) || seen[m] {
				t.Errorf("marker %q: want two or more lower-case bytes, no surrounding space, listed once", m)
			}
			seen[m] = true
		}
	}
}

func TestParseKind(t *testing.T) {
	for _, s := range []string{"article", "video"} {
		if k, err := ParseKind(s); err != nil || string(k) != s {
			t.Errorf("ParseKind(%q) = %q, %v", s, k, err)
		}
	}
	for _, s := range []string{"", "Article", "photo", "video "} {
		if k, err := ParseKind(s); err == nil {
			t.Errorf("ParseKind(%q) = %q, want an error", s, k)
		}
	}
}
