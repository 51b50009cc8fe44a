"""The site's error handlers: JSON under /api/ (the API's clients read JSON, whatever failed), else the French pages.

An error raised inside an API view is answered by the API itself (`deffinov.api.errors`); these handlers answer the
errors raised before any view runs (an unknown host, an unknown path under /api/, a failing middleware)."""

from django.views import defaults

from deffinov.api.errors import api_error


def bad_request(request, exception):
    return api_error(request, 400) or defaults.bad_request(request, exception)


def permission_denied(request, exception):
    return api_error(request, 403) or defaults.permission_denied(request, exception)


def page_not_found(request, exception):
    return api_error(request, 404) or defaults.page_not_found(request, exception)


def server_error(request):
    return api_error(request, 500) or defaults.server_error(request)
