// Counts a view of this article or video story: once the page is actually
// shown (not while prerendered or in a background tab), send one beacon.
// The count does not depend on the HTML being rendered for this request, so
// pages served from a cache are counted too.
(function () {
  "use strict";
  var body = document.body;
  var kind = body.getAttribute("data-view-kind");
  var id = parseInt(body.getAttribute("data-view-id"), 10);
  if (!kind || !id || !navigator.sendBeacon) return;
  var sent = false;
  function send() {
    if (sent) return;
    sent = true;
    // A plain string goes as text/plain, which every browser allows in a beacon.
    navigator.sendBeacon("/api/v1/views", JSON.stringify({ kind: kind, id: id }));
  }
  function whenVisible() {
    if (document.visibilityState === "visible") { send(); return; }
    document.addEventListener("visibilitychange", function onShow() {
      if (document.visibilityState === "visible") {
        document.removeEventListener("visibilitychange", onShow);
        send();
      }
    });
  }
  if (document.prerendering) {
    document.addEventListener("prerenderingchange", whenVisible, { once: true });
  } else {
    whenVisible();
  }
})();
