// Respondent pages: a small progressive enhancement. Every page works without it (plain forms posted to the server);
// with it, the survey keeps one entry in the browser's history (docs/anonymity.md, "Logs, URLs and files on disk"):
// - a one-time code from a card's QR link comes in the address's fragment (#code=…), which browsers never send to a
//   server or a proxy: it fills the code field and is taken out of the address;
// - survey forms are posted in the background and the page is swapped in place, so that Back never meets a posted
//   page ("Confirm form resubmission") and the phone's Back button means the survey's own Back;
// - "Leave this page" blanks the page and replaces the survey's history entry with the neutral site, so that Back
//   from there does not show the survey.
(function () {
  "use strict";
  if (!window.fetch || !window.DOMParser || !window.URLSearchParams || !window.history || !history.pushState) return;

  var busy = false;      // a form is on its way: further presses wait for it
  var guarded = false;   // an extra history entry is in place, so that the phone's Back comes to this page first
  var leavingTo = null;  // the neutral site, once "Leave this page" was pressed
  var lastPressed = null; // for browsers without SubmitEvent.submitter
  var backing = false;    // the phone's Back is being turned into the survey's Back

  function form() { return document.getElementById("survey"); }
  function backButton() { return document.querySelector("#survey button[name=nav][value=back]"); }

  function takeCodeFromFragment() {
    if (location.hash.indexOf("#code=") !== 0) return;
    var match = /^#code=([A-Za-z0-9-]{1,64})$/.exec(location.hash);
    var field = document.getElementById("code");
    if (match && field && !field.value) field.value = match[1];
    history.replaceState(history.state, "", location.pathname + location.search);
  }

  // The extra entry is added only at a respondent's own action (browsers skip entries pages add on their own). The
  // survey's own entry is marked 0 and the extra one 1, so that only a step back onto 0 means "Back".
  function arm() {
    if (guarded || leavingTo || !backButton()) return;
    history.replaceState({ survey: 0 }, "", location.href);
    history.pushState({ survey: 1 }, "", location.href);
    guarded = true;
  }

  function leave(href) {
    if (leavingTo) return;
    leavingTo = href;
    document.documentElement.className += " leaving";
    var f = form();
    if (f) f.reset();
    if (guarded) {
      // Step back onto the survey's own entry first, then replace it (the popstate handler below).
      history.back();
      setTimeout(function () { location.replace(href); }, 800);
    } else {
      location.replace(href);
    }
  }

  function swap(doc) {
    var html = document.documentElement;
    document.title = doc.title;
    html.setAttribute("lang", doc.documentElement.getAttribute("lang") || "");
    html.setAttribute("dir", doc.documentElement.getAttribute("dir") || "ltr");
    html.replaceChild(document.adoptNode(doc.body), document.body);
    window.scrollTo(0, 0);
    var focus = document.querySelector(".error-summary") || document.querySelector("main h1");
    if (focus) {
      if (!focus.hasAttribute("tabindex")) focus.setAttribute("tabindex", "-1");
      focus.focus();
    }
  }

  // The page stays as it was, answers and all, with the reason above it.
  function keep(message) {
    var main = document.getElementById("main");
    if (!main) return;
    var old = document.getElementById("send-failed");
    if (old) old.parentNode.removeChild(old);
    var alert = document.createElement("div");
    alert.id = "send-failed";
    alert.className = "alert";
    alert.setAttribute("role", "alert");
    alert.setAttribute("tabindex", "-1");
    var p = document.createElement("p");
    p.textContent = message;
    alert.appendChild(p);
    main.insertBefore(alert, main.firstChild);
    window.scrollTo(0, 0);
    alert.focus();
  }

  // byUser: pressed by the respondent (not the phone's Back, which this script turns into the survey's Back).
  function send(f, submitter, byUser) {
    var body = new URLSearchParams();
    var data = new FormData(f);
    data.forEach(function (value, name) { body.append(name, value); });
    if (submitter && submitter.name) body.append(submitter.name, submitter.value);
    var notSaved = f.getAttribute("data-not-saved") || "";
    busy = true;
    f.setAttribute("aria-busy", "true");
    fetch(f.action, { method: "POST", body: body, credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (response) {
        return response.text().then(function (text) {
          busy = false;
          var doc = new DOMParser().parseFromString(text, "text/html");
          var isForm = !!doc.getElementById("survey");
          if (!isForm && (response.status >= 500 || response.status === 429)) {
            var reason = response.status === 429 ? doc.querySelector("main p") : null;
            f.removeAttribute("aria-busy");
            keep(reason ? reason.textContent : notSaved);
            return;
          }
          swap(doc);
          if (isForm) {
            // The address follows the page's language, so that reloading starts again in it.
            history.replaceState(history.state, "", form().action.replace(/^[a-z]+:\/\/[^/]+/i, ""));
            if (byUser) arm();
          } else if (response.redirected) {
            history.replaceState(history.state, "", response.url); // the thank-you page
          }
        });
      })
      ["catch"](function () {
        busy = false;
        f.removeAttribute("aria-busy");
        keep(notSaved);
      });
  }

  document.addEventListener("submit", function (e) {
    var f = e.target;
    if (!f || f.id !== "survey") return;
    e.preventDefault();
    if (busy || leavingTo) return;
    send(f, e.submitter || lastPressed, !backing);
    backing = false;
  });

  document.addEventListener("click", function (e) {
    var target = e.target && e.target.closest ? e.target : null;
    if (!target) return;
    var exit = target.closest("#quick-exit, a.secondary[rel~='noreferrer']");
    if (exit) {
      e.preventDefault();
      leave(exit.href);
      return;
    }
    // Links within the page (the error summary, the skip link) move the focus without adding a history entry.
    var inPage = target.closest("a[href^='#']");
    var destination = inPage && document.getElementById(inPage.getAttribute("href").slice(1));
    if (destination) {
      e.preventDefault();
      history.replaceState(history.state, "", inPage.getAttribute("href"));
      if (destination.tabIndex < 0 && !destination.hasAttribute("tabindex")) destination.setAttribute("tabindex", "-1");
      destination.focus();
      destination.scrollIntoView();
      return;
    }
    var button = target.closest("#survey button[type=submit]");
    if (button) lastPressed = button;
  });

  document.addEventListener("pointerdown", arm);
  document.addEventListener("keydown", arm);

  window.addEventListener("popstate", function (e) {
    if (leavingTo) { location.replace(leavingTo); return; }
    if (!guarded || !e.state || e.state.survey !== 0) return;
    guarded = false;
    var back = backButton();
    if (back) {
      if (!busy) { backing = true; back.click(); }
    } else if (!form()) {
      history.back(); // the survey is over (the thank-you page): Back leaves it
    }
  });

  // A page brought back from the browser's cache after leaving must not stay blank.
  window.addEventListener("pageshow", function () {
    leavingTo = null;
    document.documentElement.className = document.documentElement.className.replace(/\s*leaving/g, "");
  });

  takeCodeFromFragment();
})();
