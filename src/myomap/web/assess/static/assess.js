// The assessment page: mark regions on the figures, ask the engine, show the results.
// Hand-written, no framework. State lives in the URL hash (see myomap/web/assess/state.py).
(() => {
  "use strict";

  const REGIONS = JSON.parse(document.getElementById("regions-data").textContent);
  const ANSWER_KEYS = [["yes", "yes"], ["no", "no"], ["unsure", "unknown"]];
  const ANSWER_WORDS = { yes: "Yes", no: "No", unknown: "Not sure" };
  const HEADINGS = {
    emergency: "Get emergency help now",
    urgent: "See a doctor today",
    see_doctor: "See a doctor soon",
    self_care: "No warning signs so far",
  };
  const DEFAULT_INTENSITY = 5;
  const DEBOUNCE_MS = 150;

  const state = { pain: new Map(), answers: new Map(), age: "", sex: "", show: null };
  let selected = null;
  const questionText = new Map();
  const muscleCache = new Map();
  let lastResult = null;
  let sequence = 0;
  let timer = 0;
  let inflight = null;
  let renders = 0;

  const $ = (id) => document.getElementById(id);
  const figures = $("figures");
  const results = $("results");
  const pathsOf = (region) => figures.querySelectorAll(`path.region[data-region="${region}"]`);
  const label = (region) => (REGIONS[region] ? REGIONS[region].label : region);
  const lower = (text) => text.charAt(0).toLowerCase() + text.slice(1);

  // ---- small DOM helpers (text only: never innerHTML with data) ----
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "class") node.className = value;
      else if (key === "text") node.textContent = value;
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? "" : value);
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }
  const fill = (id, ...nodes) => $(id).replaceChildren(...nodes.flat().filter(Boolean));

  // ---- state <-> URL ----
  function encode() {
    const parts = [];
    if (state.pain.size) {
      parts.push("pain=" + [...state.pain].map(([r, i]) => `${r}:${i}`).join(","));
    }
    for (const [key, answer] of ANSWER_KEYS) {
      const ids = [...state.answers].filter(([, a]) => a === answer).map(([f]) => f);
      if (ids.length) parts.push(`${key}=${ids.join(",")}`);
    }
    if (state.age) parts.push(`age=${encodeURIComponent(state.age)}`);
    if (state.sex) parts.push(`sex=${state.sex}`);
    if (state.show) parts.push(`show=${state.show.muscle}:${state.show.side}`);
    return parts.join("&");
  }

  function decode(text) {
    const query = new URLSearchParams(text.replace(/^#/, ""));
    const items = (key) => (query.get(key) || "").split(",").filter(Boolean);
    for (const item of items("pain")) {
      const [region, value] = item.split(":");
      const intensity = Number.parseInt(value, 10);
      if (REGIONS[region]) {
        state.pain.set(region, Number.isNaN(intensity) ? DEFAULT_INTENSITY : intensity);
      }
    }
    for (const [key, answer] of ANSWER_KEYS) {
      for (const id of items(key)) state.answers.set(id, answer);
    }
    state.age = query.get("age") || "";
    state.sex = query.get("sex") || "";
    const [muscle, side] = (query.get("show") || "").split(":");
    state.show = muscle && side ? { muscle, side } : null;
  }

  function evidence() {
    const age = Number.parseInt(state.age, 10);
    return {
      pain: [...state.pain].map(([region, intensity]) => ({ region, intensity })),
      answers: Object.fromEntries(state.answers),
      age: Number.isNaN(age) ? null : age,
      sex: state.sex || null,
    };
  }

  // ---- the map ----
  function level(intensity) {
    return intensity <= 0 ? "none" : `l${Math.min(5, Math.ceil(intensity / 2))}`;
  }

  function paintMap() {
    for (const path of figures.querySelectorAll("path.region")) {
      const region = path.dataset.region;
      const intensity = state.pain.get(region);
      const marked = intensity !== undefined;
      path.setAttribute("aria-pressed", marked && intensity > 0 ? "true" : "false");
      if (marked) path.dataset.pain = level(intensity);
      else delete path.dataset.pain;
      path.classList.toggle("selected", region === selected);
      const suffix = !marked ? "" : intensity > 0 ? `, pain ${intensity} of 10` : ", no pain";
      path.setAttribute("aria-label", label(region) + suffix);
    }
    for (const box of document.querySelectorAll("#region-list input[data-region]")) {
      box.checked = (state.pain.get(box.dataset.region) || 0) > 0;
    }
    const panel = $("intensity-panel");
    const intensity = selected === null ? undefined : state.pain.get(selected);
    panel.hidden = intensity === undefined;
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



  function bindMap() {
    window.myomapBodymap.bind(figures, $("tooltip"), toggle);
    $("intensity").addEventListener("input", (event) => {
      if (selected !== null) setPain(selected, Number(event.target.value));
    });
    $("unmark").addEventListener("click", () => selected !== null && setPain(selected, null));
    $("clear-all").addEventListener("click", () => {
      state.pain.clear();
      state.answers.clear();
      state.show = null;
      selected = null;
      changed();
    });
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

  // ---- asking the engine ----
  function changed() {
    paintMap();
    history.replaceState(null, "", `#${encode()}`);
    $("plan-link").href = `/plan?state=${encodeURIComponent(encode())}`;
    clearTimeout(timer);
    timer = setTimeout(refresh, DEBOUNCE_MS);
  }

  async function refresh() {
    const mine = ++sequence;
    if (inflight) inflight.abort();
    if (!state.pain.size && !state.answers.size) {
      lastResult = null;
      renderEmpty();
      return;
    }
    results.dataset.ready = "false";
    inflight = new AbortController();
    try {
      const response = await fetch("/api/v1/assess", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(evidence()),
        signal: inflight.signal,
      });
      const body = await response.json();
      if (mine !== sequence) return;
      if (!response.ok) throw new Error(body.error ? body.error.message : response.statusText);
      lastResult = body;
      render(body);
    } catch (error) {
      if (error.name === "AbortError" || mine !== sequence) return;
      $("status").textContent = `Could not update the results: ${error.message}`;
    }
    results.dataset.ready = "true";
  }

  // ---- rendering the result ----
  function renderEmpty() {
    $("intro").hidden = false;
    for (const id of ["triage", "question", "candidates", "explanation", "unexplained"]) fill(id);
    fill("safety");
    renderAnswers();
    $("plan-row").hidden = true;
    $("save-row").hidden = true;
    $("status").textContent = "";
    overlay(null);
    results.dataset.ready = "true";
    results.dataset.renders = String(++renders);
  }

  function render(result) {
    $("intro").hidden = true;
    for (const q of result.safety_questions) questionText.set(q.id, q.text);
    if (result.next_question) questionText.set(result.next_question.id, result.next_question.text);
    const emergency = result.triage.hide_muscle_advice;
    renderTriage(result.triage);
    $("muscle-advice").hidden = emergency;
    $("plan-row").hidden = emergency || !result.candidates.length;
    $("save-row").hidden = false;
    renderQuestion(result);
    renderCandidates(result);
    renderExplanation(result.explanation_set);
    renderUnexplained(result.unexplained_regions);
    renderSafety(emergency ? [] : result.safety_questions);
    renderAnswers();
    const lead = result.candidates[0];
    $("status").textContent = emergency
      ? "Warning: get emergency help now."
      : lead
        ? `Results updated: ${lead.name} leads with ${percent(lead.probability)}.`
        : "Results updated.";
    overlay(emergency ? null : state.show);
    results.dataset.renders = String(++renders);
  }

  function renderTriage(triage) {
    fill(
      "triage",
      el(
        "section",
        { class: `banner banner-${triage.level}`, "aria-labelledby": "triage-h" },
        el("h3", { id: "triage-h", text: HEADINGS[triage.level] }),
        el("p", { text: triage.message }),
        triage.reasons.length
          ? el(
              "ul",
              { class: "reasons" },
              triage.reasons.map((r) =>
                el("li", {}, el("strong", { text: `${r.title}. ` }), r.reason, " ",
                  el("span", { class: "action", text: r.action })),
              ),
            )
          : null,
      ),
    );
  }

  function answerButtons(id, choices, onAnswer) {
    return el(
      "div",
      { class: "choices", role: "group", "aria-label": "Your answer" },
      choices.map(([word, answer]) =>
        el("button", {
          type: "button",
          class: "choice",
          "data-answer": answer,
          "data-question": id,
          text: word,
          onclick: () => onAnswer(answer),
        }),
      ),
    );
  }

  function answerFinding(id, answer) {
    state.answers.set(id, answer);
    changed();
  }

  function renderQuestion(result) {
    const q = result.next_question;
    if (!q || result.triage.hide_muscle_advice) {
      const done = result.candidates.length && result.stop.done;
      fill("question", done ? el("p", { class: "done", text: `No more questions needed: ${result.stop.reason}.` }) : null);
      return;
    }
    const choices =
      q.kind === "region"
        ? [["Yes", "yes"], ["No", "no"]]
        : [["Yes", "yes"], ["No", "no"], ["Not sure", "unknown"]];
    const onAnswer =
      q.kind === "region"
        ? (answer) => setPain(q.id, answer === "yes" ? DEFAULT_INTENSITY : 0)
        : (answer) => answerFinding(q.id, answer);
    fill(
      "question",
      el(
        "section",
        { class: "card question", "aria-labelledby": "question-h", "data-id": q.id },
        el("h3", { id: "question-h", text: "Next question" }),
        el("p", { class: "question-text", text: q.text }),
        answerButtons(q.id, choices, onAnswer),
      ),
    );
  }

  function percent(p) {
    if (p === null || p === undefined) return "";
    const value = p * 100;
    return value < 1 ? "<1%" : `${Math.round(value)}%`;
  }

  const sideText = (side) => (side === "midline" ? "both sides" : `${side} side`);
  const zones = (list) => list.map((z) => `${lower(z.label)} (${z.role})`).join(", ");
  const weights = (list) => list.map((w) => `${w.answer} to “${w.question}”`).join("; ");

  function candidateItem(c, index) {
    const shown = state.show && state.show.muscle === c.muscle && state.show.side === c.side;
    const reasons = [];
    if (c.explains.length) reasons.push(el("p", {}, el("strong", { text: "Explains: " }), zones(c.explains)));
    if (c.for.length) reasons.push(el("p", {}, el("strong", { text: "For: " }), weights(c.for)));
    if (c.against.length) reasons.push(el("p", {}, el("strong", { text: "Against: " }), weights(c.against)));
    if (c.unexplained.length) {
      reasons.push(el("p", {}, el("strong", { text: "Does not explain: " }), c.unexplained.map((r) => lower(label(r))).join(", ")));
    }
    const name = `${c.name}, ${sideText(c.side)}`;
    return el(
      "li",
      { class: `candidate${shown ? " shown" : ""}`, "data-muscle": c.muscle, "data-side": c.side },
      el("div", { class: "candidate-head" },
        el("span", { class: "rank", text: `${index + 1}.` }),
        el("span", { class: "candidate-name", text: name }),
        el("span", { class: "chance", text: percent(c.probability) })),
      c.probability === null
        ? null
        : el("div", { class: "bar", "aria-hidden": "true" },
            el("span", { style: `width:${Math.max(1, Math.round(c.probability * 100))}%` })),
      el("div", { class: "why" }, reasons),
      el("div", { class: "candidate-actions" },
        el("button", {
          type: "button",
          class: "secondary small",
          "aria-pressed": shown ? "true" : "false",
          "aria-label": `Show the pattern of ${name} on the body`,
          text: shown ? "Shown on the body" : "Show on the body",
          onclick: () => choose(shown ? null : { muscle: c.muscle, side: c.side }),
        }),
        el("a", { href: `/muscles/${c.muscle}`, text: `${c.name} guide` })),
    );
  }

  function renderCandidates(result) {
    if (!result.candidates.length) {
      fill("candidates", el("p", { text: "No muscle of the atlas refers pain to these areas." }));
      return;
    }
    fill(
      "candidates",
      el("h3", { text: "Candidate muscles" }),
      el("ol", { class: "candidates" }, result.candidates.map(candidateItem)),
      result.other_probability === null
        ? null
        : el("p", { class: "other", text: `None of these muscles: ${percent(result.other_probability)}` }),
    );
  }

  function renderExplanation(set) {
    if (!set.members.length) return fill("explanation");
    const names = set.members.map((m) => `${m.name} (${m.side === "midline" ? "both sides" : m.side})`);
    const painful = set.explained.length + set.unexplained.length;
    const text =
      `${names.join(" and ")} ${set.members.length > 1 ? "together explain" : "explains"} ` +
      `${set.explained.length} of your ${painful} painful area${painful === 1 ? "" : "s"} ` +
      `(${Math.round(set.share * 100)}% of your pain).`;
    fill("explanation", el("section", { class: "card explanation", "aria-labelledby": "explanation-h" },
      el("h3", { id: "explanation-h", text: "Best explanation" }), el("p", { text })));
  }

  function renderUnexplained(regions) {
    if (!regions.length) return fill("unexplained");
    fill("unexplained", el("section", { class: "card unexplained", "aria-labelledby": "unexplained-h" },
      el("h3", { id: "unexplained-h", text: "Not explained by any candidate" }),
      el("p", { text: regions.map((r) => label(r)).join("; ") }),
      el("p", { class: "note", text: "Pain here may have another cause: mention it to a clinician." })));
  }

  function renderSafety(questions) {
    if (!questions.length) return fill("safety");
    fill("safety", el("section", { class: "card safety", "aria-labelledby": "safety-h" },
      el("h3", { id: "safety-h", text: "Safety check" }),
      el("p", { class: "note", text: "Warning signs that can look like muscle pain. Please answer each." }),
      el("ul", { class: "safety-list" }, questions.map((q) =>
        el("li", { "data-id": q.id }, el("p", { text: q.text }),
          answerButtons(q.id, [["Yes", "yes"], ["No", "no"]], (a) => answerFinding(q.id, a)))))));
  }

  function answerRow(id, answer) {
    const text = questionText.get(id) || id.replaceAll("_", " ");
    const select = el("select", { "aria-label": `Your answer to: ${text}`, "data-question": id,
      onchange: (event) => answerFinding(id, event.target.value) },
      Object.entries(ANSWER_WORDS).map(([value, word]) =>
        el("option", { value, selected: value === answer, text: word })));
    return el("li", { "data-id": id }, el("span", { class: "answer-q", text }), select,
      el("button", { type: "button", class: "link", text: "Remove",
        "aria-label": `Remove the answer to: ${text}`,
        onclick: () => { state.answers.delete(id); changed(); } }));
  }

  function renderAnswers() {
    const checked = [...state.pain].filter(([, i]) => i === 0).map(([r]) => r);
    if (!state.answers.size && !checked.length) return fill("answers");
    fill("answers", el("section", { class: "card answers", "aria-labelledby": "answers-h" },
      el("h3", { id: "answers-h", text: "Your answers" }),
      el("ul", { class: "answer-list" },
        [...state.answers].map(([id, answer]) => answerRow(id, answer)),
        checked.map((r) => el("li", {}, el("span", { class: "answer-q", text: `No pain: ${lower(label(r))}` }),
          el("button", { type: "button", class: "link", text: "Remove",
            "aria-label": `Remove the answer about ${lower(label(r))}`,
            onclick: () => setPain(r, null) }))))));
  }

  // ---- a candidate's referral pattern on the figures ----
  function choose(show) {
    state.show = show;
    changed();
  }

  async function muscle(id) {
    if (!muscleCache.has(id)) {
      const response = await fetch(`/api/v1/muscles/${encodeURIComponent(id)}`);
      if (!response.ok) throw new Error(`no muscle ${id}`);
      muscleCache.set(id, await response.json());
    }
    return muscleCache.get(id);
  }

  async function overlay(show) {
    for (const path of figures.querySelectorAll("path.zone-essential, path.zone-spillover")) {
      path.classList.remove("zone-essential", "zone-spillover");
    }
    for (const layer of figures.querySelectorAll("g.tp-markers")) layer.remove();
    figures.classList.toggle("overlay", Boolean(show));
    const legend = $("overlay-legend");
    if (!show) {
      legend.hidden = true;
      return;
    }
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
        for (const path of pathsOf(region)) path.classList.add(`zone-${role}`);
      }
    }
    const svgNs = "http://www.w3.org/2000/svg";
    for (const svg of figures.querySelectorAll("svg.bodymap")) {
      const layer = document.createElementNS(svgNs, "g");
      layer.setAttribute("class", "tp-markers");
      layer.setAttribute("aria-hidden", "true");
      for (const tp of data.trigger_points) {
        if (!tp.xy || tp.xy.view !== svg.dataset.view) continue;
        const dot = document.createElementNS(svgNs, "circle");
        dot.setAttribute("class", "tp");
        dot.setAttribute("cx", String(show.side === "left" ? 240 - tp.xy.x : tp.xy.x));
        dot.setAttribute("cy", String(tp.xy.y));
        dot.setAttribute("r", "5");
        layer.append(dot);
      }
      svg.append(layer);
    }
    legend.hidden = false;
    legend.replaceChildren(
      `Showing ${data.name} (${sideText(show.side)}): `,
      el("span", { class: "swatch zone-essential" }), "essential zone ",
      el("span", { class: "swatch zone-spillover" }), "spillover ",
      el("span", { class: "swatch tp-swatch" }), "trigger point ",
      el("span", { class: "swatch pain-outline" }), "your pain",
    );
  }

  // ---- saving to the diary ----
  async function saveAssessment() {
    const status = $("save-status");
    $("save-assessment").disabled = true;
    status.textContent = "Saving…";
    try {
      const response = await fetch("/api/v1/assessments", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ evidence: evidence() }),
      });
      const body = await response.json();
      if (!response.ok) throw new Error(body.error ? body.error.message : response.statusText);
      status.replaceChildren(
        "Saved. Find it under ",
        el("a", { href: `/assessments/${body.id}`, text: "Diary › Saved assessments" }),
        "; the diary now offers this plan's steps to tick off.",
      );
    } catch (error) {
      status.textContent = `Not saved: ${error.message}`;
    } finally {
      $("save-assessment").disabled = false;
    }
  }

  // ---- start ----
  async function loadQuestions() {
    try {
      const response = await fetch("/api/v1/findings");
      for (const f of await response.json()) questionText.set(f.id, f.question);
      if (state.answers.size) renderAnswers();
    } catch {
      // The answers list falls back to finding ids.
    }
  }

  decode(location.hash);
  $("age").value = state.age;
  $("sex").value = state.sex;
  bindMap();
  $("save-assessment").addEventListener("click", saveAssessment);
  loadQuestions();
  changed();
})();
