from django.shortcuts import get_object_or_404, render

from deffinov.calls.models import Call


def call_list(request):
    return render(request, "calls/call_list.html", {"calls": Call.objects.published()})


def call_detail(request, slug):
    call = get_object_or_404(Call.objects.published(), slug=slug)
    return render(request, "calls/call_detail.html", {"call": call})
