from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from deffinov.calls.models import Call
from deffinov.calls.pages import call_body
from deffinov.www.cache import cached_for_visitors


@cached_for_visitors
def call_list(request):
    """Public: the published calls and their waves."""
    calls = Call.objects.published().with_waves()
    return render(request, "calls/call_list.html", {"calls": calls, "now": timezone.now()})


@cached_for_visitors
def call_detail(request, slug):
    """Public: a published call, its rules, waves, events and documents. Unpublished calls are 404."""
    call = get_object_or_404(Call.objects.published(), slug=slug)
    now = timezone.now()
    return render(request, "calls/call_detail.html", {"call": call, "body": call_body(call, now), "now": now})
