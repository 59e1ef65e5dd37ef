// Fetching from myomap's own server, with one way to turn a failed response into a message a
// person can read. Every page script imports it:
//   import { getHtml, getJson, postHtml, postJson } from "/static/http.js";
// Errors are HttpError (with the status); an aborted request rethrows the AbortError, so a
// caller can ignore requests it replaced with newer ones (see isAbort).

/** A response that was not 2xx, with the server's own message when it gave one. */
export class HttpError extends Error {
  constructor(message, status, field = null) {
    super(message);
    this.name = "HttpError";
    this.status = status;
    this.field = field; // the input the server named as wrong, when it named one
  }
}

/** True for the error of a request that was aborted on purpose. */
export const isAbort = (error) => error instanceof DOMException && error.name === "AbortError";

function textOf(html) {
  const doc = new DOMParser().parseFromString(html, "text/html");
  const node = doc.querySelector(".error, main h1 + p, p") || doc.body;
  return (node ? node.textContent : "").trim().slice(0, 300);
}

async function failure(response) {
  const type = response.headers.get("Content-Type") || "";
  let message = "";
  let field = null;
  try {
    if (type.includes("json")) {
      const body = await response.json();
      message = body.error?.message || body.detail || "";
      field = body.error?.field || null;
    } else {
      message = textOf(await response.text());
    }
  } catch {
    message = "";
  }
  return new HttpError(message || `${response.status} ${response.statusText}`, response.status, field);
}

async function send(url, init) {
  let response;
  try {
    response = await fetch(url, { credentials: "same-origin", ...init });
  } catch (error) {
    if (isAbort(error)) throw error;
    throw new HttpError("The server could not be reached. Check your connection and try again.", 0);
  }
  if (!response.ok) throw await failure(response);
  return response;
}

/** GET a JSON document. */
export async function getJson(url, { signal } = {}) {
  return (await send(url, { signal, headers: { Accept: "application/json" } })).json();
}

/** POST ``body`` as JSON; the JSON answer. */
export async function postJson(url, body, { signal } = {}) {
  const response = await send(url, {
    method: "POST",
    signal,
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify(body),
  });
  return response.status === 204 ? null : response.json();
}

/** GET an HTML fragment as text (to swap into the page). */
export async function getHtml(url, { signal } = {}) {
  return (await send(url, { signal, headers: { Accept: "text/html" } })).text();
}

/** POST ``body`` as JSON; the HTML fragment the server answers with, as text. */
export async function postHtml(url, body, { signal } = {}) {
  const response = await send(url, {
    method: "POST",
    signal,
    headers: { "Content-Type": "application/json", Accept: "text/html" },
    body: JSON.stringify(body),
  });
  return response.text();
}

/** Any method: ``json`` is sent as JSON, ``body`` (a file's bytes) as is; the JSON answer, or
 * null when there is none. */
export async function requestJson(url, { method = "GET", json, body, signal } = {}) {
  const headers = { Accept: "application/json" };
  let payload = body;
  if (json !== undefined) payload = JSON.stringify(json);
  if (payload !== undefined) headers["Content-Type"] = "application/json";
  const response = await send(url, { method, signal, headers, body: payload });
  if (response.status === 204) return null;
  return response.json().catch(() => null);
}
