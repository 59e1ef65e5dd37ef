// The history page: delete an entry (after an inline confirmation) and undo it.
// The page is drawn on the server, charts included; after a change it is loaded again.
import { requestJson } from "/static/http.js";

const UNDO_MS = 60000;
const $ = (id) => document.getElementById(id);

async function call(method, url) {
  try {
    await requestJson(url, { method });
    return true;
  } catch (error) {
    $("history-status").textContent = error.message;
    return false;
  }
}

const list = $("entries");
if (list) {
  list.addEventListener("click", async (event) => {
    const button = event.target.closest("button");
    if (!button) return;
    const item = button.closest("li.entry");
    const confirm = item.querySelector(".confirm");
    if (button.classList.contains("delete")) {
      confirm.hidden = false;
      confirm.querySelector(".confirm-no").focus();
    } else if (button.classList.contains("confirm-no")) {
      confirm.hidden = true;
      item.querySelector("button.delete").focus();
    } else if (button.classList.contains("confirm-yes")) {
      button.disabled = true;
      const id = item.dataset.entryId;
      if (await call("DELETE", `/api/v1/diary/${id}`)) location.assign(`/history?deleted=${id}`);
      else button.disabled = false;
    }
  });
}

const bar = $("undo-bar");
if (bar) {
  const id = bar.dataset.entryId;
  const timer = setTimeout(() => {
    bar.hidden = true;
    history.replaceState(null, "", "/history");
  }, UNDO_MS);
  $("undo").addEventListener("click", async () => {
    clearTimeout(timer);
    if (await call("POST", `/api/v1/diary/${id}/restore`)) location.assign(`/history?restored=${id}`);
  });
  $("undo").focus();
}
document.body.dataset.ready = "true";
