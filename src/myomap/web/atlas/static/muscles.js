// The muscle index: filter the lists as the person types (nothing is fetched: the lists are
// in the page).
const input = document.getElementById("muscle-search");
const status = document.getElementById("search-status");
const items = [...document.querySelectorAll("li[data-search]")];
const groups = [...document.querySelectorAll(".index-group")];

function filter() {
  const words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
  for (const item of items) {
    item.hidden = !words.every((w) => item.dataset.search.includes(w));
  }
  for (const group of groups) {
    group.hidden = !group.querySelector("li:not([hidden])");
  }
  const shown = document.querySelectorAll(".az li:not([hidden])").length;
  status.textContent = words.length ? `${shown} muscle${shown === 1 ? "" : "s"} match.` : "";
}

if (input) {
  input.addEventListener("input", filter);
  filter();
}
