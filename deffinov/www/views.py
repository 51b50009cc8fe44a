from django.conf import settings
from django.shortcuts import render
from django.utils import timezone

from deffinov.calls.models import Call
from deffinov.www.cache import cached_for_visitors

# Until settings name one, the accessibility and personal-data contact of the platform.
DEFAULT_CONTACT_EMAIL = "contact@deffinov.normandie.fr"


def contact_email():
    return getattr(settings, "CONTACT_EMAIL", DEFAULT_CONTACT_EMAIL)


@cached_for_visitors
def home(request):
    """Public: presents the programme, its current wave and where to start."""
    call = Call.objects.published().with_waves().first()
    now = timezone.now()
    wave = call.current_wave(now) if call else None
    return render(request, "www/home.html", {"call": call, "wave": wave, "now": now})


@cached_for_visitors
def accessibility(request):
    """Public: the accessibility statement (RGAA)."""
    return render(request, "www/accessibility.html", {"contact_email": contact_email()})


@cached_for_visitors
def legal(request):
    """Public: legal notice, personal data, licence and data attribution."""
    return render(request, "www/legal.html", {"contact_email": contact_email()})
