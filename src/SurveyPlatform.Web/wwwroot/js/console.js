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
