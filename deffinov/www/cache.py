"""Public pages served from the cache to visitors without a session: the same bytes for everybody, kept for the
current version of the published calls (raised by any change of a call or its parts) and the waves' status, so a
change shows at once and a wave opens or closes on time."""

from functools import wraps

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse

from deffinov.calls.pages import CACHE_SECONDS, calls_version

# Headers a cached page keeps; the middlewares add the others (security, CSP, timing) to each answer.
KEPT_HEADERS = ("Content-Type", "Content-Language")


def anonymous_get(request):
    """A GET from someone with no session nor pending message: they see the page everybody sees."""
    cookies = request.COOKIES
    return (
        request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in cookies
        and "messages" not in cookies
        and not getattr(request, "htmx", False)
    )


def cached_for_visitors(view):
    """Serve the view's page from the cache to anonymous visitors; a page that sets a cookie is never stored."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not anonymous_get(request):
            return view(request, *args, **kwargs)
        key = f"page:{request.get_host()}:{request.get_full_path()}:{calls_version()}"
        cache = caches["pages"]
        stored = cache.get(key)
        if stored is not None:
            content, headers = stored
            return HttpResponse(content, headers=headers)
        response = view(request, *args, **kwargs)
        # A page holding a CSRF token sets its cookie on the way out: it is this visitor's own.
        own = response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        if response.status_code == 200 and not own and not getattr(response, "streaming", False):
            if hasattr(response, "render"):
                response.render()
            headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
            cache.set(key, (response.content, headers), CACHE_SECONDS)
        return response

    return wrapped
