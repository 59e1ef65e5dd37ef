// The downloads page: reminders in this computer's time zone, and importing a JSON export.
import { requestJson } from "/static/http.js";

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
    const body = await requestJson(`/api/v1/diary/import?replace=${replace}`, {
      method: "POST",
      body: await file.arrayBuffer(),
    });
    status.textContent = `Imported ${body.entries} entries and ${body.assessments} assessments.`;
  } catch (error) {
    status.className = "status error";
    status.textContent = `Could not import: ${error.message}`; // the server's own reason
  } finally {
    $("import-button").disabled = false;
  }
});
