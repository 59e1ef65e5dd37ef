// The assessment page: keeps the state (marks, intensities, answers) in the URL and in local
// storage, and swaps in the result the server renders (GET /assess/result?state=…). The
// server reads the state (myomap/web/assess/state.py) and renders every word of the result;
// this script only encodes the state, paints the map and moves focus.
import { bind as bindFigures, drawnPain, shownAs } from "/static/bodymap.js";
import { bindDescribe } from "/static/describe.js";
import { getHtml, getJson, isAbort, postJson } from "/static/http.js";

const STORE = "myomap.assessment";
const ANSWER_KEYS = [
  ["yes", "yes"],
  ["no", "no"],
  ["unsure", "unknown"],
];
const DEFAULT_INTENSITY = 5;
const DEBOUNCE_MS = 150;

const $ = (id) => document.getElementById(id);
const REGIONS = JSON.parse($("regions-data").textContent);
const figures = $("figures");
const results = $("results");

const state = {
  pain: new Map(),
  answers: new Map(),
  skipped: [],
  log: [],
  age: "",
  sex: "",
  show: null,
};
let selected = null;
let timer = 0;
let inflight = null;
let renders = 0;
let focusAfter = null;
const muscleCache = new Map();

const label = (region) => (REGIONS[region] ? REGIONS[region].label : region);
const lower = (text) => text.charAt(0).toLowerCase() + text.slice(1);
const without = (list, id) => list.filter((item) => item !== id);

// ---- the state as a string (read back by the server, myomap/web/assess/state.py) ----
function encode() {
  const parts = [];
  if (state.pain.size) {
    parts.push(`pain=${[...state.pain].map(([r, i]) => `${r}:${i}`).join(",")}`);
  }
  for (const [key, answer] of ANSWER_KEYS) {
    const ids = [...state.answers].filter(([, a]) => a === answer).map(([f]) => f);
    if (ids.length) parts.push(`${key}=${ids.join(",")}`);
  }
  if (state.skipped.length) parts.push(`skip=${state.skipped.join(",")}`);
  if (state.log.length) parts.push(`log=${state.log.join(",")}`);
  if (state.age) parts.push(`age=${encodeURIComponent(state.age)}`);
  if (state.sex) parts.push(`sex=${state.sex}`);
  if (state.show) parts.push(`show=${state.show.muscle}:${state.show.side}`);
  return parts.join("&");
}

/** Take the state the server read (the fragment's #state-data) as the page's own. */
function adopt(data) {
  state.pain = new Map(Object.entries(data.pain));
  state.answers = new Map(Object.entries(data.answers));
  state.skipped = data.skip;
  state.log = data.log;
  state.age = data.age === null ? "" : String(data.age);
  state.sex = data.sex || "";
  state.show = data.show ? { muscle: data.show[0], side: data.show[1] } : null;
  $("age").value = state.age;
  $("sex").value = state.sex;
}

function remember(text) {
  history.replaceState(null, "", text ? `#${text}` : location.pathname);
  try {
    if (text) localStorage.setItem(STORE, text);
    else localStorage.removeItem(STORE);
  } catch {
    // Private windows may refuse storage; the URL still holds the state.
  }
}

function saved() {
  if (location.hash.length > 1) return location.hash.slice(1);
  try {
    return localStorage.getItem(STORE) || "";
  } catch {
    return "";
  }
}

// ---- the map ----
function level(intensity) {
  return intensity <= 0 ? "none" : `l${Math.min(5, Math.ceil(intensity / 2))}`;
}

function paintMap() {
  const drawn = drawnPain(state.pain, REGIONS);
  const chosen = selected === null ? [] : shownAs(REGIONS, selected);
  for (const path of figures.querySelectorAll("path.region")) {
    const region = path.dataset.region;
    const intensity = drawn.get(region);
    const marked = intensity !== undefined;
    path.setAttribute("aria-pressed", marked && intensity > 0 ? "true" : "false");
    if (marked) path.dataset.pain = level(intensity);
    else delete path.dataset.pain;
    path.classList.toggle("selected", chosen.includes(region));
    const suffix = !marked ? "" : intensity > 0 ? `, pain ${intensity} of 10` : ", no pain";
    path.setAttribute("aria-label", label(region) + suffix);
  }
  for (const box of document.querySelectorAll("#region-list input[data-region]")) {
    box.checked = (state.pain.get(box.dataset.region) || 0) > 0;
  }
  const intensity = selected === null ? undefined : state.pain.get(selected);
  $("intensity-panel").hidden = intensity === undefined;
  if (intensity !== undefined) {
    $("intensity-region").textContent = lower(label(selected));
    $("intensity").value = String(intensity);
    $("intensity-value").textContent = String(intensity);
  }
}

function setPain(region, intensity) {
  if (intensity === null) {
    state.pain.delete(region);
    if (selected === region) selected = null;
  } else {
    state.pain.set(region, intensity);
    selected = region;
  }
  changed();
}

function toggle(region) {
  const intensity = state.pain.get(region);
  setPain(region, intensity !== undefined && intensity > 0 ? null : DEFAULT_INTENSITY);
}

function startOver() {
  Object.assign(state, { answers: new Map(), pain: new Map(), skipped: [], log: [] });
  Object.assign(state, { age: "", sex: "", show: null });
  selected = null;
  $("age").value = "";
  $("sex").value = "";
  changed({ now: true });
}

function bindMap() {
  bindFigures(figures, $("tooltip"), toggle);
  $("intensity").addEventListener("input", (event) => {
    if (selected !== null) setPain(selected, Number(event.target.value));
  });
  $("unmark").addEventListener("click", () => selected !== null && setPain(selected, null));
  $("start-over").addEventListener("click", startOver);
  $("region-list").addEventListener("change", (event) => {
    const region = event.target.dataset.region;
    if (region) setPain(region, event.target.checked ? DEFAULT_INTENSITY : null);
  });
  $("age").addEventListener("change", (event) => {
    state.age = event.target.value;
    changed();
  });
  $("sex").addEventListener("change", (event) => {
    state.sex = event.target.value;
    changed();
  });
}

// ---- the interview: answers, Back, Skip ----
function answer(id, kind, value, fromList) {
  state.skipped = without(state.skipped, id);
  if (kind === "region" && value === "unknown") {
    skip(id);
    return;
  }
  if (kind === "region") state.pain.set(id, value === "yes" ? DEFAULT_INTENSITY : 0);
  else state.answers.set(id, value);
  if (!fromList) state.log = [...without(state.log, id), id];
  focusAfter = fromList ? null : "question";
  changed({ now: true });
}

function skip(id) {
  state.skipped = [...without(state.skipped, id), id];
  state.log = [...without(state.log, id), id];
  focusAfter = "question";
  changed({ now: true });
}

function forget(id) {
  state.answers.delete(id);
  if (state.pain.get(id) !== undefined && !state.pain.get(id)) state.pain.delete(id);
  state.skipped = without(state.skipped, id);
  state.log = without(state.log, id);
}

function back() {
  const id = state.log.at(-1);
  if (id === undefined) return;
  if (REGIONS[id] && !state.skipped.includes(id)) state.pain.delete(id);
  forget(id);
  focusAfter = "question";
  changed({ now: true });
}

const ACTIONS = {
  answer: (b) => answer(b.dataset.question, b.dataset.kind, b.dataset.answer, !!b.dataset.from),
  back: () => back(),
  skip: (b) => skip(b.dataset.question),
  unskip: (b) => {
    forget(b.dataset.question);
    changed({ now: true });
  },
  remove: (b) => {
    forget(b.dataset.question);
    changed({ now: true });
  },
  unmark: (b) => setPain(b.dataset.region, null),
  show: (b) => {
    const same = state.show?.muscle === b.dataset.muscle && state.show?.side === b.dataset.side;
    state.show = same ? null : { muscle: b.dataset.muscle, side: b.dataset.side };
    changed({ now: true });
  },
  save: () => saveAssessment(),
};

function bindResults() {
  results.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-action]");
    if (button && ACTIONS[button.dataset.action]) ACTIONS[button.dataset.action](button);
    if (event.target.closest("#sheet")) $("results-h").scrollIntoView({ behavior: "smooth" });
    // A link to a field of the form (a reason that needs the age): focus it, and keep the
    // state that the URL's fragment holds.
    const link = event.target.closest("a[href^='#']");
    const field = link && $(link.getAttribute("href").slice(1));
    if (field instanceof HTMLInputElement) {
      event.preventDefault();
      const section = field.closest("details");
      if (section) section.open = true;
      field.scrollIntoView({ block: "center" });
      field.focus();
    }
  });
  results.addEventListener("change", (event) => {
    const select = event.target.closest("select[data-action='change']");
    if (!select) return;
    state.answers.set(select.dataset.question, select.value);
    changed({ now: true });
  });
}

// ---- the description box: confirmed proposals become marks and answers ----
function applyItem(item) {
  if (item.kind === "region") {
    state.pain.set(item.region, item.intensity);
    if (item.intensity > 0) selected = item.region;
  } else if (item.kind === "finding") {
    state.answers.set(item.finding, item.answer);
    state.skipped = without(state.skipped, item.finding);
  } else if (item.kind === "age") {
    state.age = item.value;
    $("age").value = item.value;
  } else if (item.kind === "sex") {
    state.sex = item.value;
    $("sex").value = item.value;
  }
}

const DESCRIBE = {
  apply: (items) => {
    for (const item of items) applyItem(item);
    changed({ now: true });
  },
  raise: (items) => {
    for (const item of items) applyItem(item);
    focusAfter = "describe";
    changed({ now: true });
  },
  unraise: (id) => {
    if (REGIONS[id]) state.pain.delete(id);
    forget(id);
    focusAfter = "describe";
    changed({ now: true });
  },
};

// ---- asking the server for the result ----
function changed({ now = false } = {}) {
  if (inflight) inflight.abort(); // a newer state replaces any request on its way
  paintMap();
  remember(encode());
  clearTimeout(timer);
  timer = setTimeout(refresh, now ? 0 : DEBOUNCE_MS);
}

async function refresh(first = false) {
  if (inflight) inflight.abort();
  inflight = new AbortController();
  results.dataset.ready = "false";
  const text = first ? saved() : encode();
  try {
    const html = await getHtml(`/assess/result?state=${encodeURIComponent(text)}`, {
      signal: inflight.signal,
    });
    swap(html, first);
    $("alert").textContent = "";
  } catch (error) {
    if (isAbort(error)) return;
    $("alert").textContent = `Could not update the results: ${error.message}`;
    if (first) remember("");
  }
  results.dataset.ready = "true";
}

function order(node) {
  return node ? (node.dataset.order || "").split(",").filter(Boolean) : [];
}

function swap(html, first) {
  const before = results.querySelector(".result");
  const was = before ? `${before.dataset.level}/${before.dataset.checked}` : "";
  const oldOrder = order(before);
  const template = document.createElement("template");
  template.innerHTML = html;
  const data = template.content.querySelector("#state-data");
  if (data) {
    if (first) adopt(JSON.parse(data.textContent));
    data.remove();
  }
  results.replaceChildren(template.content);
  const now = results.querySelector(".result");
  paintMap();
  if (first) remember(encode());
  const newOrder = order(now);
  const moved = newOrder.filter((id, i) => oldOrder[i] !== id).length;
  const note = results.querySelector(".sheet-changed");
  if (note && before && moved) note.textContent = `${moved} changed`;
  $("status").textContent = now?.dataset.status || "";
  moveFocus(first, was, now);
  overlay(now && now.dataset.level !== "emergency" ? state.show : null);
  results.dataset.renders = String(++renders);
}

function moveFocus(first, was, now) {
  const level = now ? `${now.dataset.level}/${now.dataset.checked}` : "";
  const banner = $("triage-banner");
  const target = focusAfter;
  focusAfter = null;
  if (target === "describe") return; // the description box keeps focus (its own banner)
  if (!first && was && banner && level !== was && now.dataset.level !== "self_care") {
    banner.focus({ preventScroll: true });
    banner.scrollIntoView({ block: "start" });
    return;
  }
  if (target === "question") {
    const card = $("question-card") || banner;
    if (card) card.focus();
  }
}

// ---- a candidate's referral pattern on the figures ----
async function muscle(id) {
  if (!muscleCache.has(id)) {
    muscleCache.set(id, await getJson(`/api/v1/muscles/${encodeURIComponent(id)}`));
  }
  return muscleCache.get(id);
}

function clearOverlay() {
  for (const path of figures.querySelectorAll("path.zone-essential, path.zone-spillover")) {
    path.classList.remove("zone-essential", "zone-spillover");
  }
  for (const layer of figures.querySelectorAll("g.tp-markers")) layer.remove();
}

function markers(svg, data, side) {
  const ns = "http://www.w3.org/2000/svg";
  const layer = document.createElementNS(ns, "g");
  layer.setAttribute("class", "tp-markers");
  layer.setAttribute("aria-hidden", "true");
  for (const tp of data.trigger_points) {
    if (!tp.xy || tp.xy.view !== svg.dataset.view) continue;
    const dot = document.createElementNS(ns, "circle");
    dot.setAttribute("class", "tp");
    dot.setAttribute("cx", String(side === "left" ? 240 - tp.xy.x : tp.xy.x));
    dot.setAttribute("cy", String(tp.xy.y));
    dot.setAttribute("r", "5");
    layer.append(dot);
  }
  svg.append(layer);
}

function legend(data, show) {
  const swatch = (kind) => Object.assign(document.createElement("span"), { className: `swatch ${kind}` });
  const side = show.side === "midline" ? "both sides" : `${show.side} side`;
  $("overlay-legend").replaceChildren(
    `Showing ${data.name} (${side}): `,
    swatch("zone-essential"),
    "essential zone ",
    swatch("zone-spillover"),
    "spillover ",
    swatch("tp-swatch"),
    "trigger point ",
    swatch("pain-outline"),
    "your pain",
  );
  $("overlay-legend").hidden = false;
}

async function overlay(show) {
  clearOverlay();
  figures.classList.toggle("overlay", Boolean(show));
  $("overlay-legend").hidden = true;
  if (!show) return;
  let data;
  try {
    data = await muscle(show.muscle);
  } catch {
    return;
  }
  if (state.show !== show) return;
  const pattern = data.pattern[show.side] || data.pattern.midline || { essential: [], spillover: [] };
  for (const role of ["essential", "spillover"]) {
    for (const region of pattern[role]) {
      for (const id of shownAs(REGIONS, region)) {
        for (const path of figures.querySelectorAll(`path.region[data-region="${id}"]`)) {
          path.classList.add(`zone-${role}`);
        }
      }
    }
  }
  for (const svg of figures.querySelectorAll("svg.bodymap")) markers(svg, data, show.side);
  legend(data, show);
}

// ---- saving to the diary ----
function evidence() {
  const age = Number.parseInt(state.age, 10);
  return {
    pain: [...state.pain].map(([region, intensity]) => ({ region, intensity })),
    answers: Object.fromEntries(state.answers),
    age: Number.isNaN(age) ? null : age,
    sex: state.sex || null,
  };
}

async function saveAssessment() {
  const status = $("save-status");
  status.textContent = "Saving…";
  try {
    const body = await postJson("/api/v1/assessments", { evidence: evidence() });
    const link = Object.assign(document.createElement("a"), {
      href: `/assessments/${body.id}`,
      textContent: "Diary › Saved assessments",
    });
    status.replaceChildren("Saved. Find it under ", link, "; the diary now offers this plan's steps to tick off.");
  } catch (error) {
    status.textContent = `Not saved: ${error.message}`;
  }
}

bindMap();
bindResults();
bindDescribe(DESCRIBE);
refresh(true);
