// Adds the CSRF token (the myomap_csrf cookie) to same-origin requests that change
// something: as the X-CSRF-Token header of fetch(), and as a csrf_token field of POST
// forms. Loaded first by base.html; in local mode there is no cookie and it does nothing.
(function () {
  "use strict";
  var SAFE = { GET: 1, HEAD: 1, OPTIONS: 1, TRACE: 1 };

  function token() {
    var match = document.cookie.match(/(?:^|;\s*)myomap_csrf=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  function sameOrigin(url) {
    try {
      return new URL(url, window.location.href).origin === window.location.origin;
    } catch (e) {
      return false;
    }
  }

  var originalFetch = window.fetch;
  if (originalFetch) {
    window.fetch = function (input, init) {
      var options = init || {};
      var isRequest = typeof Request !== "undefined" && input instanceof Request;
      var method = (options.method || (isRequest ? input.method : "GET")).toUpperCase();
      var url = isRequest ? input.url : String(input);
      var value = token();
      if (!SAFE[method] && value && sameOrigin(url)) {
        var headers = new Headers(options.headers || (isRequest ? input.headers : undefined));
        headers.set("X-CSRF-Token", value);
        options = Object.assign({}, options, { headers: headers });
      }
      return originalFetch.call(this, input, options);
    };
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    var value = token();
    if (!value || !(form instanceof HTMLFormElement)) return;
    if ((form.getAttribute("method") || "get").toLowerCase() !== "post") return;
    if (!sameOrigin(form.action) || form.querySelector('input[name="csrf_token"]')) return;
    var field = document.createElement("input");
    field.type = "hidden";
    field.name = "csrf_token";
    field.value = value;
    form.appendChild(field);
  }, true);

  window.myomapCsrfToken = token;
})();
