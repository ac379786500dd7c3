package server

import "net/http"

// The two privacy-enhanced players the video pages may frame after a click
// (see ui/static/js/player.js and internal/video).
const playerOrigins = `"https://www.youtube-nocookie.com" "https://player.vimeo.com"`

// contentSecurityPolicy is sent with every response. Scripts and styles come
// only from our own hashed files under /static/: no inline script, no inline
// event handler, no style attribute, no eval. The JSON-LD block is data,
// which CSP does not treat as script. Stills may come from YouTube's image
// host, and only the two players may be framed. Handlers that serve stored
// files (images, video) replace it with a stricter sandbox.
const contentSecurityPolicy = "default-src 'self'; " +
	"img-src 'self' data: https://i.ytimg.com; " +
	"media-src 'self'; " +
	"frame-src 'self' https://www.youtube-nocookie.com https://player.vimeo.com; " +
	"script-src 'self'; " +
	"style-src 'self'; " +
	"object-src 'none'; " +
	"base-uri 'self'; " +
	"form-action 'self'; " +
	"frame-ancestors 'self'"

// permissionsPolicy turns off the browser features a news site never uses,
// so that an injected or third-party script cannot ask for them either.
// Fullscreen, autoplay and picture-in-picture stay for our own pages and the
// two players, whose iframes ask for them once a reader clicks play.
// Chromium warns in the console about every feature name it does not know
// (bluetooth, for one), so only names it recognises are listed; FLoC's
// interest-cohort is still recognised, beside its successor browsing-topics.
const permissionsPolicy = "accelerometer=(), " +
	"autoplay=(self " + playerOrigins + "), " +
	"browsing-topics=(), " +
	"camera=(), " +
	"display-capture=(), " +
	"fullscreen=(self " + playerOrigins + "), " +
	"geolocation=(), " +
	"gyroscope=(), " +
	"hid=(), " +
	"interest-cohort=(), " +
	"magnetometer=(), " +
	"microphone=(), " +
	"midi=(), " +
	"payment=(), " +
	"picture-in-picture=(self " + playerOrigins + "), " +
	"publickey-credentials-get=(), " +
	"screen-wake-lock=(), " +
	"serial=(), " +
	"usb=(), " +
	"xr-spatial-tracking=()"

// strictTransportSecurity tells browsers to use https for a year, on every
// subdomain too.
const strictTransportSecurity = "max-age=31536000; includeSubDomains"

// securityHeaders sets the headers every response carries. HSTS is sent when
// the request came over TLS or when the base URL is https (https is true):
// behind a TLS-terminating proxy the request reaches us as plain HTTP, and
// the base URL is the operator's statement that readers use https.
// X-Forwarded-Proto is not consulted: it adds nothing the base URL does not
// say, and browsers ignore HSTS received over plain HTTP anyway, so sending
// it on a plain request that did not pass through TLS is harmless.
func securityHeaders(next http.Handler, https bool) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
		h.Set("X-Frame-Options", "SAMEORIGIN") // frame-ancestors for browsers without CSP 2
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("Permissions-Policy", permissionsPolicy)
		if https || r.TLS != nil {
			h.Set("Strict-Transport-Security", strictTransportSecurity)
		}
		next.ServeHTTP(w, r)
	})
}
