"""The call page's body, cached: it only changes with the call's data, the waves' status and the day in Paris.

A cached page costs one query (the call, for its version). The key holds the call's version, raised by any
change of the call or its parts (signals.py), so every server sees a change at once; the waves' opening and
closing instants are cached with that version, so each status flips exactly on time without asking the database.
"""

from django.core.cache import caches
from django.db.models import prefetch_related_objects
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from deffinov.calls.models import PARIS, Call, Wave, window_status

CACHE_SECONDS = 300
PARTS = ["waves", "events", "resources", "tiers_lieu_criteria", "eligible_departments"]


def windows_key(call):
    return f"calls:windows:{call.pk}:{call.version}"


def wave_windows(call, known=None):
    """[(opens_at, closes_at)] of the call's waves, for its current version (`known`: windows already read)."""
    key = windows_key(call)
    cache = caches["pages"]
    windows = (known or {}).get(key) or cache.get(key)
    if windows is None:
        prefetch_related_objects([call], "waves")
        windows = [(wave.opens_at, wave.closes_at) for wave in call.waves.all()]
        cache.set(key, windows, CACHE_SECONDS)
    return windows


def body_cache_key(call, now, known=None):
    """Everything the body depends on: the call's version, each wave's status and, while a wave is open, the day."""
    statuses = [window_status(opens_at, closes_at, now) for opens_at, closes_at in wave_windows(call, known)]
    day = now.astimezone(PARIS).date().isoformat() if Wave.Status.OPEN in statuses else ""
    return f"calls:body:{call.pk}:{call.version}:{''.join(status[0] for status in statuses)}:{day}"


def call_body(call, now):
    """The HTML of the call's rules, criteria, waves, events and documents."""
    key = body_cache_key(call, now)
    cache = caches["pages"]
    body = cache.get(key)
    if body is None:
        prefetch_related_objects([call], *PARTS)
        body = str(render_to_string("calls/_call_body.html", {"call": call, "now": now}))
        cache.set(key, body, CACHE_SECONDS)
    return mark_safe(body)  # noqa: S308 - rendered by our own template, escaped there


def calls_version(now=None):
    """What every public page depends on: each published call's version, its waves' status and the day."""
    now = now or timezone.now()
    calls = list(Call.objects.published().only("pk", "version"))
    known = caches["pages"].get_many([windows_key(call) for call in calls])
    # The waves of the calls changed since they were last read, in one query.
    prefetch_related_objects([call for call in calls if windows_key(call) not in known], "waves")
    return "|".join(body_cache_key(call, now, known) for call in calls)
