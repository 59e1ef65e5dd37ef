// The plan page: a print button.
const button = document.getElementById("print");
if (button) button.addEventListener("click", () => window.print());
