from .api.versioning import API_BASE_PATH, API_VERSION, API_VERSION_HEADER


class ApiVersionMiddleware:
    """Every response under /api/v1/ says which version of the API answered
    (`API-Version: 1.0.0`, NL API Design Rules API-57), errors included."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(API_BASE_PATH + "/"):
            response.headers[API_VERSION_HEADER] = API_VERSION
        return response


class SecurityHeadersMiddleware:
    """Headers Django does not set itself: a strict Content-Security-Policy
    (all scripts and styles are served from our own origin) and a
    Permissions-Policy that switches off browser features we never use."""

    CSP = (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
        "frame-ancestors 'none'"
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # The OpenAPI browser UI loads its own inline bootstrap script.
        if not request.path.startswith("/api/v1/docs"):
            response.headers.setdefault("Content-Security-Policy", self.CSP)
        response.headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()"
        )
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        if getattr(request, "user", None) is not None and request.user.is_authenticated:
            # Pages with personal data are never stored by browsers or proxies.
            response.headers.setdefault("Cache-Control", "no-store")
        return response


class HealthCheckMiddleware:
    """`/healthz` for load balancers, first of all middleware: answered over
    plain HTTP when HTTPS is on (before the redirect) and for any Host header
    (a probe asks for the instance's own address, which ALLOWED_HOSTS does not
    list). It says "ok" and nothing else; every other path is untouched and
    its host still checked."""

    PATH = "/healthz"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.http import HttpResponse

        if request.path_info == self.PATH and request.method in ("GET", "HEAD"):
            response = HttpResponse("ok", content_type="text/plain")
            response.headers["X-Content-Type-Options"] = "nosniff"
            response.headers["Cache-Control"] = "no-store"
            return response
        return self.get_response(request)


class RefuseNulMiddleware:
    """A NUL character names no page and no value (PostgreSQL refuses it in
    text): a path with one is not found, a query or form value with one is a
    bad request, before any view or database sees it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.core.exceptions import BadRequest
        from django.http import Http404

        if "\x00" in request.path:
            raise Http404
        for values in (request.GET, request.POST):
            if any("\x00" in value for _key, listed in values.lists() for value in listed):
                raise BadRequest("NUL character in the request")
        return self.get_response(request)
