"""The demonstration is coherent: in its wave, an honest, complete dossier is eligible."""

import datetime as dt
import io

from deffinov.applications.facts import verdict_for
from deffinov.applications.models import Application
from deffinov.demo.applications import COMPLETE_TITLE, load_demo_applications
from deffinov.demo.call import DEMO_WAVE_SLUG
from deffinov.eligibility.facts import Status


def test_the_complete_demo_dossier_is_eligible_in_the_demo_wave(demo, media_root):
    """Honest: it starts no earlier than its filing and ends, after the minimum duration, by its wave's end."""
    load_demo_applications(io.StringIO())
    application = Application.objects.get(wave__slug=DEMO_WAVE_SLUG, title=COMPLETE_TITLE)

    verdict = verdict_for(application)

    failing = {result.code: result.message for result in verdict.rules if result.status == Status.FAIL}
    assert failing == {}
    assert verdict.eligible


def test_the_demo_wave_leaves_its_projects_time_while_the_real_waves_keep_their_dates(demo):
    waves = {wave.slug: wave for wave in demo.call.waves.all()}
    demo_wave = waves[DEMO_WAVE_SLUG]

    assert demo.call.programme_ends_on == dt.date(2026, 12, 31)
    assert waves["vague-1-2023"].projects_end_on is None
    assert waves["vague-2-2024"].projects_end_on is None
    closes_on = demo_wave.closes_on
    assert demo_wave.ends_projects_on >= dt.date(closes_on.year + 3, 1, 1)
    demo_wave.full_clean()
