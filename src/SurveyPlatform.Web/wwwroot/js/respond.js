// "Leave this page": replace this page in the history, so Back does not return to the survey,
// and clear the form first. Works as a plain link when JavaScript is off.
document.addEventListener("click", function (e) {
  var link = e.target.closest && e.target.closest("#quick-exit, a.secondary[rel~='noreferrer']");
  if (!link) return;
  e.preventDefault();
  var form = document.getElementById("survey");
  if (form) form.reset();
  window.location.replace(link.href);
});
