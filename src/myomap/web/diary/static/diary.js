// The diary entry page: mark pain on the body figures, fill in the entry, save it through
// /api/v1/diary (or change one with PUT). Hand-written, no framework; the map works like
// the assessment page's (click or Enter/Space to mark, slider for intensity, list instead).
import { drawnPain, shownAs } from "/static/bodymap.js";
import { requestJson } from "/static/http.js";

const $ = (id) => document.getElementById(id);
const data = (id) => JSON.parse($(id).textContent);
const REGIONS = data("regions-data");
const ENTRY = data("entry-data");
const PLAN_IDS = new Set(data("plan-data"));
const START = data("start-data"); // the last entry's map and PSFS activities, for "log today"
const DEFAULT_INTENSITY = 5;
const FUTURE_SLACK_MS = 24 * 3600 * 1000; // as the server allows (clocks differ a little)
const FIELDS = ["at", "overall", "pain", "quality", "self_care_done", "triggers", "treatments", "peg", "psfs", "note"];
const FIELD_NAMES = {
  at: "When",
  overall: "Overall pain",
  pain: "Where it hurts",
  quality: "How it feels",
  self_care_done: "Self-care done",
  triggers: "What may have set it off",
  treatments: "Medicines and treatments",
  peg: "PEG check-in",
  psfs: "Activities",
  note: "Notes",
};

const form = $("entry-form");
const figures = $("figures");
const pain = new Map();
let selected = null;

const label = (region) => (REGIONS[region] ? REGIONS[region].label : region);
const lower = (text) => text.charAt(0).toLowerCase() + text.slice(1);
const level = (i) => (i <= 0 ? "none" : `l${Math.min(5, Math.ceil(i / 2))}`);
const pad = (n) => String(n).padStart(2, "0");

// ---- time: the datetime-local field holds local time; the API gets ISO-8601 in UTC ----
function localValue(date) {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

// ---- the map ----
function paintMap() {
  const drawn = drawnPain(pain, REGIONS);
  const chosen = selected === null ? [] : shownAs(REGIONS, selected);
  for (const path of figures.querySelectorAll("path.region")) {
    const region = path.dataset.region;
    const intensity = drawn.get(region);
    const marked = intensity !== undefined;
    path.setAttribute("aria-pressed", marked ? "true" : "false");
    if (marked) path.dataset.pain = level(intensity);
    else delete path.dataset.pain;
    path.classList.toggle("selected", chosen.includes(region));
    path.setAttribute("aria-label", label(region) + (marked ? `, pain ${intensity} of 10` : ""));
  }
  for (const box of document.querySelectorAll("#region-list input[data-region]")) {
    box.checked = pain.has(box.dataset.region);
  }
  const panel = $("intensity-panel");
  panel.hidden = selected === null || !pain.has(selected);
  if (!panel.hidden) {
    $("intensity-region").textContent = lower(label(selected));
    $("intensity").value = String(pain.get(selected));
    $("intensity-value").textContent = String(pain.get(selected));
  }
  const marked = [...pain].sort((a, b) => b[1] - a[1]);
  $("pain-summary").textContent = marked.length
    ? `Marked: ${marked.map(([r, i]) => `${lower(label(r))} ${i}`).join(", ")}.`
    : "No area marked yet.";
}

function setPain(region, intensity) {
  if (intensity === null) {
    pain.delete(region);
    if (selected === region) selected = null;
  } else {
    pain.set(region, intensity);
    selected = region;
  }
  paintMap();
}

const toggle = (region) => setPain(region, pain.has(region) ? null : DEFAULT_INTENSITY);


function bindMap() {
  window.myomapBodymap.bind(figures, $("tooltip"), toggle);
  $("intensity").addEventListener("input", (event) => {
    if (selected !== null) setPain(selected, Number(event.target.value));
  });
  $("unmark").addEventListener("click", () => selected !== null && setPain(selected, null));
  $("clear-all").addEventListener("click", () => {
    pain.clear();
    selected = null;
    paintMap();
  });
  $("region-list").addEventListener("change", (event) => {
    const region = event.target.dataset.region;
    if (region) setPain(region, event.target.checked ? DEFAULT_INTENSITY : null);
  });
}

// ---- the form ----
const items = (text) => text.split(",").map((s) => s.trim()).filter(Boolean);
const checked = (name) =>
  [...form.querySelectorAll(`input[name="${name}"]:checked`)].map((box) => box.value);

// ---- check-ins: treatments (time of day on the entry's date), PEG, PSFS ----
const rows = (selector) => [...form.querySelectorAll(selector)];

function treatmentsJson(day) {
  return rows(".treatment-row").map((row) => {
    const time = row.querySelector(".t-time").value;
    return {
      name: row.querySelector(".t-name").value.trim(),
      dose: row.querySelector(".t-dose").value.trim(),
      at: time && day ? new Date(`${day}T${time}`).toISOString() : null,
      note: row.querySelector(".t-note").value.trim(),
    };
  }).filter((t) => t.name);
}

function pegJson() {
  const values = rows("[data-peg]").map((box) => [box.dataset.peg, box.value]);
  if (values.every(([, v]) => v === "")) return null;
  return Object.fromEntries(values.map(([k, v]) => [k, v === "" ? null : Number(v)]));
}

function psfsJson() {
  return rows(".psfs-row").map((row) => ({
    activity: row.querySelector(".psfs-activity").value.trim(),
    score: row.querySelector(".psfs-score").value,
  })).filter((i) => i.activity && i.score !== "").map((i) => ({ ...i, score: Number(i.score) }));
}

function bindTreatments() {
  const doses = new Map([...document.querySelectorAll("#treatment-names option")].map((o) => [o.value, o.dataset.dose]));
  for (const row of rows(".treatment-row")) {
    row.querySelector(".t-name").addEventListener("change", (event) => {
      const dose = row.querySelector(".t-dose");
      if (!dose.value && doses.get(event.target.value)) dose.value = doses.get(event.target.value);
    });
  }
}

function prefillCheckins(entry) {
  const day = (iso) => new Date(iso);
  (entry.treatments || []).slice(0, 3).forEach((t, n) => {
    const row = rows(".treatment-row")[n];
    row.querySelector(".t-name").value = t.name;
    row.querySelector(".t-dose").value = t.dose;
    row.querySelector(".t-note").value = t.note;
    if (t.at) row.querySelector(".t-time").value = `${pad(day(t.at).getHours())}:${pad(day(t.at).getMinutes())}`;
  });
  if (entry.peg) for (const box of rows("[data-peg]")) box.value = String(entry.peg[box.dataset.peg]);
  prefillActivities((entry.psfs || []).map((i) => i.activity), entry.psfs || []);
}

function prefillActivities(names, scored) {
  names.slice(0, 3).forEach((name, n) => {
    const row = rows(".psfs-row")[n];
    row.querySelector(".psfs-activity").value = name;
    if (scored[n]) row.querySelector(".psfs-score").value = String(scored[n].score);
  });
}

function entryJson() {
  const overall = form.querySelector('input[name="overall"]:checked');
  const when = $("at").value;
  return {
    at: when ? new Date(when).toISOString() : "",
    overall: overall ? Number(overall.value) : null,
    pain: Object.fromEntries(pain),
    quality: checked("quality"),
    self_care_done: [...checked("self_care_done"), ...items($("care-other").value)],
    triggers: items($("triggers").value),
    treatments: treatmentsJson(when ? when.slice(0, 10) : ""),
    peg: pegJson(),
    psfs: psfsJson(),
    note: $("note").value,
  };
}

function fieldOf(name) {
  const top = (name || "").split(/[.[]/)[0];
  return FIELDS.includes(top) ? top : null;
}

function clearErrors() {
  $("form-errors").hidden = true;
  for (const name of FIELDS) {
    const box = $(`${name}-error`);
    box.hidden = true;
    box.textContent = "";
  }
  for (const node of form.querySelectorAll("[aria-invalid]")) node.removeAttribute("aria-invalid");
}

function showError(field, message) {
  const name = fieldOf(field);
  const words = name ? `${FIELD_NAMES[name]}: ${message}` : message;
  const summary = $("form-errors");
  summary.replaceChildren(
    Object.assign(document.createElement("p"), {
      textContent: `Nothing was saved. ${words}`,
    }),
  );
  summary.hidden = false;
  if (name) {
    const box = $(`${name}-error`);
    box.textContent = message;
    box.hidden = false;
    const input = name === "pain" ? null : form.querySelector(`#field-${name} input, #field-${name} textarea, #${name}`);
    if (input) input.setAttribute("aria-invalid", "true");
  }
  summary.focus();
}

function check(entry) {
  if (!entry.at || Number.isNaN(Date.parse(entry.at))) {
    return ["at", "enter the date and time of this entry."];
  }
  if (Date.parse(entry.at) > Date.now() + FUTURE_SLACK_MS) {
    return ["at", "this time is in the future; a diary entry records what already happened."];
  }
  if (entry.overall === null) return ["overall", "choose a number from 0 (no pain) to 10."];
  if (entry.peg && Object.values(entry.peg).some((v) => v === null)) {
    return ["peg", "answer all three PEG questions, or none."];
  }
  return null;
}

function reset() {
  form.reset();
  pain.clear();
  selected = null;
  paintMap();
  $("at").value = localValue(new Date());
}

async function save(event) {
  event.preventDefault();
  clearErrors();
  $("status").textContent = "";
  const entry = entryJson();
  const problem = check(entry);
  if (problem) return showError(...problem);
  const id = form.dataset.entryId;
  $("save").disabled = true;
  try {
    const body = await requestJson(id ? `/api/v1/diary/${id}` : "/api/v1/diary", {
      method: id ? "PUT" : "POST",
      json: entry,
    });
    if (id) {
      location.assign(`/history?changed=${id}`);
      return;
    }
    reset();
    const when = new Date(body.at).toLocaleString([], { dateStyle: "medium", timeStyle: "short" });
    const link = Object.assign(document.createElement("a"), { href: "/history", textContent: "See your history" });
    $("status").replaceChildren(`Saved the entry of ${when} (overall ${body.overall}). `, link, ".");
    form.dataset.saved = String(Number(form.dataset.saved || 0) + 1);
  } catch (error) {
    showError(error.field ?? null, error.message);
  } finally {
    $("save").disabled = false;
  }
}

function prefill(entry) {
  $("at").value = localValue(new Date(entry.at));
  const overall = form.querySelector(`input[name="overall"][value="${entry.overall}"]`);
  if (overall) overall.checked = true;
  for (const [region, intensity] of Object.entries(entry.pain)) {
    if (intensity > 0) pain.set(region, intensity);
  }
  for (const box of form.querySelectorAll('input[name="quality"]')) {
    box.checked = entry.quality.includes(box.value);
  }
  for (const box of form.querySelectorAll('input[name="self_care_done"]')) {
    box.checked = entry.self_care_done.includes(box.value);
  }
  $("care-other").value = entry.self_care_done.filter((item) => !PLAN_IDS.has(item)).join(", ");
  $("triggers").value = entry.triggers.join(", ");
  $("note").value = entry.note;
  prefillCheckins(entry);
}

function startFrom(start) {
  $("at").value = localValue(new Date());
  for (const [region, intensity] of Object.entries(start.pain)) {
    if (intensity > 0) pain.set(region, intensity);
  }
  prefillActivities(start.psfs, []);
}

bindMap();
bindTreatments();
if (ENTRY) prefill(ENTRY);
else if (START) startFrom(START);
else $("at").value = localValue(new Date());
paintMap();
form.addEventListener("submit", save);
form.dataset.ready = "true";
