/* The help page's quick exit: the home page takes this page's place in the browser's
   history (location.replace), so "back" does not lead to it. The Esc key does the same.
   Without JavaScript the button is a plain link to the home page. */
(function () {
  "use strict";
  var link = document.querySelector("a[data-quick-exit]");
  if (!link) return;
  function leave(event) {
    if (event) event.preventDefault();
    location.replace(link.href);
  }
  link.addEventListener("click", leave);
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") leave(event);
  });
})();
