"""The published call's rules and waves, kept a few seconds in each process for the public API.

The API answers anonymous, possibly frequent requests: reading the call, its criteria, its
départements and its waves costs three or four queries each time, for data that changes a few
times a year. Each process keeps what it read for `SECONDS`; an edit made in this process clears
it at once (signals), other processes see it within `SECONDS`. Whether a wave is open is still
decided at each request from its dates, so deadlines stay exact to the second.
"""

import dataclasses
import threading
import time
from dataclasses import dataclass

from django.db.models.signals import m2m_changed, post_delete, post_save

from deffinov.eligibility.adapters import rules_from_call
from deffinov.eligibility.facts import CallRules

SECONDS = 10.0
MAX_ENTRIES = 200  # Unknown wave slugs are remembered too: bound what a stream of them may hold.
_lock = threading.Lock()
_entries = {}  # key -> (expires at, CallSnapshot or None)


@dataclass(frozen=True)
class WaveWindow:
    slug: str
    title: str
    opens_at: object
    closes_at: object
    is_demo: bool = False
    projects_end_on: object = None  # the wave's own end of projects, else None

    def is_open(self, at):
        return self.opens_at <= at.replace(microsecond=0) <= self.closes_at


@dataclass(frozen=True)
class CallSnapshot:
    rules: CallRules  # without a wave
    waves: tuple[WaveWindow, ...]

    def wave(self, slug):
        return next((wave for wave in self.waves if wave.slug == slug), None)

    def default_wave(self, at):
        """As `adapters.default_wave`: the open wave (a real one first), else the latest."""
        open_waves = [wave for wave in self.waves if wave.is_open(at)]
        if open_waves:
            return min(open_waves, key=lambda wave: (wave.is_demo, wave.opens_at))
        return max(self.waves, key=lambda wave: wave.opens_at, default=None)

    def rules_for(self, wave):
        if wave is None:
            return self.rules
        return dataclasses.replace(
            self.rules,
            wave_opens_at=wave.opens_at,
            wave_closes_at=wave.closes_at,
            wave_title=wave.title,
            programme_ends_on=wave.projects_end_on or self.rules.programme_ends_on,
        )


def snapshot_of(call):
    return CallSnapshot(
        rules=rules_from_call(call),
        waves=tuple(
            WaveWindow(wave.slug, wave.title, wave.opens_at, wave.closes_at, wave.is_demo, wave.projects_end_on)
            for wave in call.waves.all()
        ),
    )


def remembered(key, load):
    """`load()` (a CallSnapshot or None), kept `SECONDS` under `key`."""
    now = time.monotonic()
    entry = _entries.get(key)
    if entry is not None and entry[0] > now:
        return entry[1]
    value = load()
    with _lock:
        if len(_entries) >= MAX_ENTRIES:
            _entries.clear()
        _entries[key] = (now + SECONDS, value)
    return value


def forget(**kwargs):
    with _lock:
        _entries.clear()


def connect_signals():
    from deffinov.calls.models import Call, TiersLieuCriterion, Wave

    for model in (Call, TiersLieuCriterion, Wave):
        post_save.connect(forget, sender=model, dispatch_uid=f"eligibility-forget-{model.__name__}-save")
        post_delete.connect(forget, sender=model, dispatch_uid=f"eligibility-forget-{model.__name__}-delete")
    m2m_changed.connect(
        forget, sender=Call.eligible_departments.through, dispatch_uid="eligibility-forget-call-departments"
    )
