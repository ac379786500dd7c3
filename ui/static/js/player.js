// Click-to-play video players. The page shows a still image, a link and a
// play button; nothing is loaded from YouTube or Vimeo until the reader
// clicks. Then the still is replaced by the provider's privacy-enhanced
// player (an iframe) or, for our own uploads, an HTML5 <video>. Without
// JavaScript the link still takes the reader to the video.
(function () {
  "use strict";

  // Only the two privacy-enhanced players the server builds, and only our
  // own files, are ever loaded, whatever the attributes say.
  var embedHosts = /^https:\/\/(www\.youtube-nocookie\.com\/embed\/|player\.vimeo\.com\/video\/)/;

  function media(box) {
    var title = box.getAttribute("data-title") || "Video";
    var embed = box.getAttribute("data-embed") || "";
    var file = box.getAttribute("data-file") || "";
    var el;
    if (embed && embedHosts.test(embed)) {
      el = document.createElement("iframe");
      el.src = embed;
      el.title = title;
      el.setAttribute("allow", "autoplay; fullscreen; picture-in-picture");
      el.setAttribute("allowfullscreen", "");
    } else if (file.charAt(0) === "/" && file.charAt(1) !== "/") {
      el = document.createElement("video");
      el.controls = true;
      el.autoplay = true;
      el.playsInline = true;
      el.setAttribute("playsinline", "");
      el.setAttribute("aria-label", title);
      el.src = file;
    } else {
      return null;
    }
    el.className = "player-media";
    return el;
  }

  function play(box) {
    var el = media(box);
    if (!el) return false;
    while (box.firstChild) box.removeChild(box.firstChild);
    box.appendChild(el);
    box.classList.add("player-playing");
    if (el.tagName === "VIDEO") {
      var started = el.play && el.play();
      if (started && started.catch) started.catch(function () { /* the controls are there */ });
    }
    el.focus();
    return true;
  }

  function setUp(box) {
    if (box.getAttribute("data-ready")) return;
    var button = box.querySelector(".player-play");
    var poster = box.querySelector(".player-poster");
    if (!button) return;
    box.setAttribute("data-ready", "1");
    button.hidden = false;
    box.classList.add("player-ready");
    button.addEventListener("click", function () { play(box); });
    if (poster) {
      // One control in the tab order: the button. The still still plays on
      // click, but a modified click (new tab) keeps its meaning.
      poster.setAttribute("tabindex", "-1");
      poster.addEventListener("click", function (e) {
        if (e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
        if (play(box)) e.preventDefault();
      });
    }
  }

  var boxes = document.querySelectorAll("[data-player]");
  for (var i = 0; i < boxes.length; i++) setUp(boxes[i]);
})();
