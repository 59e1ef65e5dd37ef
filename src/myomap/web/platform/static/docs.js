// Starts Swagger UI on /docs (kept out of the page so the CSP allows no inline script). The
// OpenAPI document is fetched with the shared helper, so a failure shows a readable message.
import { getJson } from "/static/http.js";

const root = document.getElementById("swagger-ui");
const { SwaggerUIBundle } = window; // swagger-ui-bundle.js, a classic script loaded before

async function start() {
  let spec;
  try {
    spec = await getJson(root.dataset.openapiUrl);
  } catch (error) {
    const message = Object.assign(document.createElement("p"), {
      textContent: `Could not load the API description: ${error.message}`,
    });
    message.setAttribute("role", "alert");
    root.replaceChildren(message);
    return;
  }
  window.ui = SwaggerUIBundle({
    spec,
    dom_id: "#swagger-ui",
    layout: "BaseLayout",
    deepLinking: true,
    showExtensions: true,
    showCommonExtensions: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIBundle.SwaggerUIStandalonePreset],
  });
}

start();
