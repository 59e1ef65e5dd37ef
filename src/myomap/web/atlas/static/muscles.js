// The muscle index: search as the person types. The server searches (names, aliases and the
// words people use: conditions, body parts, symptoms) and renders the results; this script
// asks for the page with ?q=, swaps in its results and keeps the address in step. Without
// JavaScript the form submits the same request.
import { getHtml, isAbort } from "/static/http.js";

const form = document.getElementById("muscle-search-form");
const input = document.getElementById("muscle-search");
const status = document.getElementById("search-status");
let pending = null;
let timer = 0;

async function update() {
  const q = input.value.trim();
  const url = q ? `/muscles?q=${encodeURIComponent(q)}` : "/muscles";
  pending?.abort();
  pending = new AbortController();
  try {
    const html = await getHtml(url, { signal: pending.signal });
    const doc = new DOMParser().parseFromString(html, "text/html");
    const fresh = document.adoptNode(doc.getElementById("search-results"));
    document.getElementById("search-results").replaceWith(fresh);
    status.textContent = doc.getElementById("search-status").textContent;
    history.replaceState(null, "", url);
  } catch (error) {
    if (!isAbort(error)) status.textContent = `Search failed: ${error.message}`;
  }
}

if (form && input && status) {
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(update, 200);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(timer);
    update();
  });
}
