"""The health check load balancers and CI poll."""

from django.db import DatabaseError
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache

from .models import Policy


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """200 when the database answers and holds published policies to show; 503
    when it does not answer (or not within the web server's timeouts), and 503
    when it answers with nothing published (not seeded, or restored empty), since
    no page would then be worth sending a visitor to. One indexed query."""
    try:
        published = Policy.objects.published().exists()
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "down"}, status=503)
    if not published:
        return JsonResponse(
            {"status": "unavailable", "database": "up", "content": "missing"},
            status=503,
        )
    return JsonResponse({"status": "ok", "database": "up", "content": "published"})
