"""Loads the whole demonstration, part by part. Each part is a function taking the tally and what it builds on,
so later parts (applications, reviews, grants) slot in after the accounts."""

from collections import Counter
from dataclasses import dataclass, field

from django.utils import timezone

from deffinov.calls.models import PARIS
from deffinov.demo.accounts import load_accounts
from deffinov.demo.call import load_call
from deffinov.demo.organisations import load_organisations
from deffinov.demo.questions import load_questions


@dataclass
class Tally:
    """How many objects of each sort were created or updated."""

    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)

    def record(self, what, created):
        (self.created if created else self.updated)[what] += 1

    def lines(self):
        for what in dict.fromkeys([*self.created, *self.updated]):
            yield f"{what} : {self.created[what]} créé(s), {self.updated[what]} mis à jour"


@dataclass
class Demo:
    call: object
    organisations: dict
    users: dict
    tally: Tally


def load_demo(now=None):
    """Creates or updates every demonstration object. Raises MissingReferenceData without the communes."""
    now = now or timezone.now()
    tally = Tally()
    call = load_call(tally, now)
    load_questions(tally, call)
    organisations = load_organisations(tally, now.astimezone(PARIS).date())
    users = load_accounts(tally, organisations)
    return Demo(call=call, organisations=organisations, users=users, tally=tally)
