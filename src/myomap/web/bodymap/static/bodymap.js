// The clickable body figures (assessment and diary pages), as an ES module.
// - A click, Enter or Space on a region toggles it; hover and focus show the region's name.
// - Keyboard: each figure is one Tab stop (roving tabindex); the arrow keys move to the
//   nearest region in that direction on the picture; Home goes back to the first region.
// - Phone: one figure and one body part at a time. The part buttons set the figure's viewBox
//   (boxes from myomap/web/bodymap/zoom.py); a tap on the whole figure zooms to the part
//   around the tapped region, so every region you can mark is at least 24x24 CSS px.

const PHONE = "(max-width: 600px)";
const KEYS = {
  ArrowRight: (dx, dy) => [dx, dy],
  ArrowLeft: (dx, dy) => [-dx, dy],
  ArrowDown: (dx, dy) => [dy, dx],
  ArrowUp: (dx, dy) => [-dy, dx],
};

const regionOf = (target) => (target?.closest ? target.closest("path.region") : null);
const isPhone = () => window.matchMedia(PHONE).matches;

function centre(path) {
  if (!path._centre) {
    const box = path.getBBox();
    path._centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  }
  return path._centre;
}

/** The region next to ``path`` in the direction of ``key`` on the same figure, or null. */
/** The drawn shapes a region shows on: itself, or (`regions[id].shown`) the halves a coarse
 * region is drawn as, or the regions a region inside the body lies within. */
export function shownAs(regions, region) {
  return regions[region]?.shown ?? [region];
}

/** Pain per drawn shape (the strongest where a region and its part are both marked). */
export function drawnPain(pain, regions) {
  const out = new Map();
  for (const [region, intensity] of pain) {
    for (const id of shownAs(regions, region)) {
      if (!out.has(id) || intensity > out.get(id)) out.set(id, intensity);
    }
  }
  return out;
}

export function neighbour(path, key) {
  const toward = KEYS[key];
  const from = centre(path);
  let best = null;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const other of path.ownerSVGElement.querySelectorAll("path.region")) {
    if (other === path) continue;
    const to = centre(other);
    const [ahead, across] = toward(to.x - from.x, to.y - from.y);
    if (ahead < 1) continue;
    const score = ahead + 2.5 * Math.abs(across);
    if (score < bestScore) {
      bestScore = score;
      best = other;
    }
  }
  return best;
}

/** Make ``path`` its figure's one Tab stop. */
function rove(path) {
  for (const other of path.ownerSVGElement.querySelectorAll('path.region[tabindex="0"]')) {
    if (other !== path) other.setAttribute("tabindex", "-1");
  }
  path.setAttribute("tabindex", "0");
}

/** Zoom one figure to a part (its button), or to the whole body (part ""). */
export function zoom(figure, partId) {
  const svg = figure.querySelector("svg");
  const button = figure.querySelector(`.zoom-part[data-part="${partId}"]`);
  if (!svg || !button) return;
  svg.setAttribute("viewBox", button.dataset.box || svg.dataset.full);
  figure.dataset.zoom = partId;
  for (const other of figure.querySelectorAll(".zoom-part")) {
    other.setAttribute("aria-pressed", other === button ? "true" : "false");
  }
}

/** On a phone, show one figure ("front" or "back"). */
export function showView(figures, view) {
  figures.dataset.view = view;
  for (const button of document.querySelectorAll(".view-switch [data-view]")) {
    button.setAttribute("aria-pressed", button.dataset.view === view ? "true" : "false");
  }
}

function bindTooltip(figures, tooltip) {
  const show = (path) => {
    const box = path.getBoundingClientRect();
    const frame = figures.getBoundingClientRect();
    tooltip.textContent = path.getAttribute("aria-label");
    tooltip.hidden = false;
    const left = box.left - frame.left + box.width / 2 - tooltip.offsetWidth / 2;
    tooltip.style.left = `${Math.max(0, Math.min(frame.width - tooltip.offsetWidth, left))}px`;
    tooltip.style.top = `${Math.max(0, box.top - frame.top - tooltip.offsetHeight - 6)}px`;
  };
  for (const kind of ["mouseover", "focusin"]) {
    figures.addEventListener(kind, (event) => {
      const path = regionOf(event.target);
      if (path) show(path);
    });
  }
  for (const kind of ["mouseout", "focusout"]) {
    figures.addEventListener(kind, () => {
      tooltip.hidden = true;
    });
  }
}

function bindKeys(figures, onToggle) {
  figures.addEventListener("keydown", (event) => {
    const path = regionOf(event.target);
    if (!path) return;
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      onToggle(path.dataset.region);
      return;
    }
    const next =
      event.key === "Home"
        ? path.ownerSVGElement.querySelector("path.region")
        : KEYS[event.key]
          ? neighbour(path, event.key)
          : null;
    if (!next) return;
    event.preventDefault();
    const figure = next.closest("figure");
    if (figure?.dataset.zoom && next.dataset.part !== figure.dataset.zoom) {
      zoom(figure, next.dataset.part);
    }
    rove(next);
    next.focus();
  });
  figures.addEventListener("focusin", (event) => {
    const path = regionOf(event.target);
    if (path) rove(path);
  });
}

/** Wire the figures inside ``figures``; ``onToggle(regionId)`` is called on each toggle. */
export function bind(figures, tooltip, onToggle) {
  figures.addEventListener("click", (event) => {
    const path = regionOf(event.target);
    if (!path) return;
    const figure = path.closest("figure");
    const zoomable = figure?.querySelector(".zoom-part");
    if (zoomable && isPhone() && !figure.dataset.zoom && path.dataset.part) {
      zoom(figure, path.dataset.part);
      return;
    }
    onToggle(path.dataset.region);
  });
  for (const button of figures.querySelectorAll(".zoom-part")) {
    button.addEventListener("click", () => zoom(button.closest("figure"), button.dataset.part));
  }
  for (const button of document.querySelectorAll(".view-switch [data-view]")) {
    button.addEventListener("click", () => showView(figures, button.dataset.view));
  }
  if (!figures.dataset.view) showView(figures, "front");
  bindKeys(figures, onToggle);
  bindTooltip(figures, tooltip);
}

// The diary page's script is a classic script; it finds the same function here.
window.myomapBodymap = { bind };
