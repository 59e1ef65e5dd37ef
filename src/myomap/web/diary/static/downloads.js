// The downloads page: reminders in this computer's time zone, and importing a JSON export.
(() => {
  "use strict";

  const $ = (id) => document.getElementById(id);
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (zone) $("reminder-zone").value = zone;

  $("import-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const status = $("import-status");
    const file = $("import-file").files[0];
    status.className = "status";
    if (!file) {
      status.textContent = "Choose a file first.";
      return;
    }
    $("import-button").disabled = true;
    try {
      const replace = $("import-replace").checked;
      const response = await fetch(`/api/v1/diary/import?replace=${replace}`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: await file.arrayBuffer(),
      });
      const body = await response.json().catch(() => ({}));
      if (response.ok) {
        status.textContent = `Imported ${body.entries} entries and ${body.assessments} assessments.`;
      } else {
        status.className = "status error";
        status.textContent = body.error ? body.error.message : `The server answered ${response.status}.`;
      }
    } catch (error) {
      status.className = "status error";
      status.textContent = `Could not import: ${error.message}`;
    } finally {
      $("import-button").disabled = false;
    }
  });
})();
