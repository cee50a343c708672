// The buttons of the console's reconnect notice (ConsoleReconnect.razor). Blazor itself shows and hides the notice.
document.addEventListener('click', function (event) {
  var id = event.target && event.target.id;
  if (id === 'console-reconnect-retry') {
    Promise.resolve(window.Blazor && window.Blazor.reconnect ? window.Blazor.reconnect() : false)
      .then(function (reconnected) { if (!reconnected) location.reload(); }, function () { location.reload(); });
  } else if (id === 'console-reconnect-reload') {
    location.reload();
  }
});
