from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


@never_cache
@require_GET
def healthz(request):
    """Public: tells a load balancer whether this server and its database answer."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            database_ok = cursor.fetchone()[0] == 1
    except Exception:  # noqa: BLE001 - any failure means the database does not answer
        database_ok = False
    # Always 200: the body says what answers, so a probe can tell the server from its database.
    return JsonResponse({"status": "ok" if database_ok else "degraded", "database": database_ok})


@never_cache
@require_GET
def ping(request):
    """Public liveness probe that touches nothing: also the baseline the benchmarks compare pages against."""
    return JsonResponse({"pong": True})
