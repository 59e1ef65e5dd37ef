// The plan page: a print button.
(() => {
  "use strict";
  const button = document.getElementById("print");
  if (button) button.addEventListener("click", () => window.print());
})();
