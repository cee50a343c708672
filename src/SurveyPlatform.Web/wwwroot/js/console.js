// Keeps the console's sign-in alive while the user is active: the interactive console talks over its circuit,
// so without this the idle timeout would count from the last page load, not the last click or key.
(function () {
  var last = Date.now();
  var every = 5 * 60 * 1000;
  function activity() {
    if (Date.now() - last < every) return;
    last = Date.now();
    fetch('/account/ping', { credentials: 'same-origin', cache: 'no-store' }).then(function (r) {
      if (r.status === 401 || r.status === 403) location.href = '/account/login?returnUrl=' + encodeURIComponent(location.pathname);
    });
  }
  document.addEventListener('click', activity, true);
  document.addEventListener('keydown', activity, true);
})();

// Copying links and codes. The clipboard API needs a secure page (HTTPS or localhost); a server reached over plain
// HTTP on the local network gets the older way of copying a selection.
window.surveyConsole = {
  copy: function (text) {
    function fallback() {
      var area = document.createElement('textarea');
      area.value = text;
      area.setAttribute('readonly', '');
      area.style.position = 'fixed';
      area.style.opacity = '0';
      document.body.appendChild(area);
      area.select();
      var done = false;
      try { done = document.execCommand('copy'); } catch (e) { done = false; }
      document.body.removeChild(area);
      return done;
    }
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).then(function () { return true; }, fallback);
    }
    return Promise.resolve(fallback());
  }
};

// Server-rendered pages: a button with data-copy="id" copies that element's text and says so in its data-copy-status.
(function () {
  function ready() {
    document.querySelectorAll('[data-copy][hidden]').forEach(function (b) { b.hidden = false; });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', ready); else ready();
  document.addEventListener('click', function (e) {
    var button = e.target.closest ? e.target.closest('[data-copy]') : null;
    if (!button) return;
    var source = document.getElementById(button.getAttribute('data-copy'));
    if (!source) return;
    var status = document.getElementById(button.getAttribute('data-copy-status'));
    Promise.resolve(window.surveyConsole.copy(source.innerText.trim())).then(function (done) {
      if (status) status.textContent = done ? 'Copied.' : 'Copying did not work here: select the codes and copy them by hand.';
    });
  });
})();
