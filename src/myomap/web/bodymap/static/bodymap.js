// Shared behaviour of the clickable body figures (assessment and diary pages): a click,
// Enter or Space on a region toggles it; hover and focus show the region's name.
"use strict";

window.myomapBodymap = {
  /** Wire the figures inside `figures`; `onToggle(regionId)` is called on each toggle. */
  bind(figures, tooltip, onToggle) {
    const regionOf = (event) => event.target.closest && event.target.closest("path.region");
    const showTip = (path) => {
      const box = path.getBoundingClientRect();
      const frame = figures.getBoundingClientRect();
      tooltip.textContent = path.getAttribute("aria-label");
      tooltip.hidden = false;
      const left = box.left - frame.left + box.width / 2 - tooltip.offsetWidth / 2;
      tooltip.style.left = `${Math.max(0, Math.min(frame.width - tooltip.offsetWidth, left))}px`;
      tooltip.style.top = `${Math.max(0, box.top - frame.top - tooltip.offsetHeight - 6)}px`;
    };
    figures.addEventListener("click", (event) => {
      const path = regionOf(event);
      if (path) onToggle(path.dataset.region);
    });
    figures.addEventListener("keydown", (event) => {
      const path = regionOf(event);
      if (path && (event.key === "Enter" || event.key === " ")) {
        event.preventDefault();
        onToggle(path.dataset.region);
      }
    });
    for (const kind of ["mouseover", "focusin"]) {
      figures.addEventListener(kind, (event) => {
        const path = regionOf(event);
        if (path) showTip(path);
      });
    }
    for (const kind of ["mouseout", "focusout"]) {
      figures.addEventListener(kind, () => {
        tooltip.hidden = true;
      });
    }
  },
};
