// The description box on the assessment page. The server reads the text
// (POST /assess/understand, myomap/web/assess/pages.py) and renders the proposals; this module
// only sends the text, lets the person change or remove proposals, and hands what they confirm
// to the page (the ``apply`` callback). Warning signs go to the page at once (``raise``),
// before any confirmation: red flags always win.
import { isAbort, postHtml } from "/static/http.js";

const $ = (id) => document.getElementById(id);

/** What one proposal says now, after the person's changes. */
function itemOf(li) {
  const field = (name) => li.querySelector(`[data-field="${name}"]`);
  switch (li.dataset.kind) {
    case "region":
      return {
        kind: "region",
        region: field("region")?.value || li.dataset.region,
        intensity: Number(field("intensity").value),
      };
    case "finding":
      return { kind: "finding", finding: li.dataset.finding, answer: field("answer").value };
    case "age":
      return { kind: "age", value: field("age").value };
    case "sex":
      return { kind: "sex", value: field("sex").value };
    default:
      return null;
  }
}

/** What a reply counts at once: the warning signs as the text gave them (stated or hedged),
 * what goes with them, and the painful places their rules need. */
function raised(root) {
  return [...root.querySelectorAll('li.proposal[data-raise="true"]')].map(itemOf).filter(Boolean);
}

/**
 * Wire the description box. ``page`` gives:
 *   apply(items): add confirmed items to the page state;
 *   raise(items): count warning signs at once (before confirmation);
 *   unraise(id): take back a warning sign (or a place counted with it) the person removed.
 */
export function bindDescribe(page) {
  const form = $("describe-form");
  const text = $("describe-text");
  const status = $("describe-status");
  const out = $("understood");
  let inflight = null;

  const clear = (message) => {
    out.replaceChildren();
    status.textContent = message;
  };

  async function read(event) {
    event.preventDefault();
    const words = text.value.trim();
    if (!words) {
      clear("Type a description first.");
      text.focus();
      return;
    }
    if (inflight) inflight.abort();
    inflight = new AbortController();
    status.textContent = "Reading…";
    out.dataset.ready = "false";
    try {
      out.innerHTML = await postHtml("/assess/understand", { text: words }, { signal: inflight.signal });
    } catch (error) {
      if (isAbort(error)) return;
      clear(`Could not read the description: ${error.message}`);
      out.dataset.ready = "true";
      return;
    }
    const shown = out.querySelectorAll("li.proposal").length;
    status.textContent = shown ? `${shown} item${shown === 1 ? "" : "s"} to check.` : "Nothing recognised.";
    const flags = raised(out);
    if (flags.length) page.raise(flags);
    const banner = $("describe-banner");
    (banner || $("proposals-h")).focus();
    out.dataset.ready = "true";
  }

  function confirm(event) {
    event.preventDefault();
    const items = [...out.querySelectorAll("li.proposal")].map(itemOf).filter(Boolean);
    page.apply(items);
    clear(`Added ${items.length} item${items.length === 1 ? "" : "s"}: see the body map and your answers.`);
  }

  function remove(button) {
    const li = button.closest("li.proposal");
    if (li.dataset.raise === "true") page.unraise(li.dataset.finding ?? li.dataset.region);
    const list = li.closest("fieldset");
    li.remove();
    if (list && !list.querySelector("li.proposal")) list.remove();
    const left = out.querySelectorAll("li.proposal").length;
    status.textContent = `Removed. ${left} item${left === 1 ? "" : "s"} left to check.`;
    if (!left) out.querySelector("#proposals")?.remove();
    $("proposals-h")?.focus();
  }

  $("describe").hidden = false;
  form.addEventListener("submit", read);
  out.addEventListener("submit", confirm);
  out.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-action]");
    if (!button) return;
    if (button.dataset.action === "remove-proposal") remove(button);
    if (button.dataset.action === "discard-proposals") {
      const kept = raised(out).length;
      clear(
        kept
          ? "Discarded. Warning signs you described (and the places they need) still count: change them under Your answers or on the body map."
          : "Discarded.",
      );
      text.focus();
    }
  });
}
