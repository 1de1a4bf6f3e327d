// Starts Swagger UI on the API docs page (/api/docs/). A file of its own, since the
// Content-Security-Policy allows no inline scripts. The browser's session signs the
// requests in; the CSRF token from the cookie is sent with writes.
document.addEventListener("DOMContentLoaded", function () {
  var element = document.getElementById("swagger-ui");
  if (!element || typeof SwaggerUIBundle === "undefined") return;
  SwaggerUIBundle({
    url: element.dataset.schemaUrl,
    domNode: element,
    deepLinking: false,
    requestInterceptor: function (request) {
      var match = document.cookie.match(/(?:^|; )csrftoken=([^;]+)/);
      if (match) request.headers["X-CSRFToken"] = decodeURIComponent(match[1]);
      return request;
    },
  });
});
