"""Contact through the platform: a thread per ad and writing structure, emails through the stored outbox, no
email address shown before the ad's structure answers, and limits against spam counted in the database."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from deffinov.emails.send import send_templated_email
from deffinov.matchmaking.models import Thread, ThreadMessage
from deffinov.organisations.models import Membership, Organisation

FIRST_CONTACTS_PER_DAY = 5
MESSAGES_PER_HOUR = 20


class ContactError(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


class RateLimited(ContactError):
    """Too many first contacts or messages: the form is shown again with the message kept."""


def _check_first_contacts(organisation, user, now):
    since = now - timedelta(days=1)
    by_structure = Thread.objects.filter(organisation=organisation, created_at__gte=since).count()
    by_person = Thread.objects.filter(started_by=user, created_at__gte=since).count()
    if by_structure >= FIRST_CONTACTS_PER_DAY or by_person >= FIRST_CONTACTS_PER_DAY:
        raise RateLimited(
            f"Vous avez déjà contacté {FIRST_CONTACTS_PER_DAY} structures en 24 heures : c'est la limite, contre "
            "les envois en masse. Votre message n'est pas envoyé ; gardez-le et réessayez demain, ou poursuivez "
            "les conversations déjà commencées."
        )


def _check_messages(user, now):
    if ThreadMessage.objects.filter(author=user, created_at__gte=now - timedelta(hours=1)).count() >= MESSAGES_PER_HOUR:
        raise RateLimited(
            f"Vous avez envoyé {MESSAGES_PER_HOUR} messages en une heure : c'est la limite, contre les envois en "
            "masse. Votre message n'est pas envoyé ; réessayez dans une heure."
        )


def _lock(user, organisation):
    """Serialise the counting of one person and one structure across workers: their rows are locked until commit."""
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()
    Organisation.objects.select_for_update().filter(pk=organisation.pk).first()


def start_thread(ad, organisation, user, body):
    """`user` writes to the ad's structure in the name of `organisation`; a second contact continues the thread."""
    if ad.organisation_id == organisation.pk:
        raise ContactError("C'est une annonce de votre propre structure : choisissez une autre structure.")
    if not ad.is_published:
        raise ContactError("Cette annonce n'est plus publiée : sa structure ne reçoit plus de nouveaux contacts.")
    if not Membership.objects.filter(user=user, organisation=organisation).exists():
        raise ContactError("Vous n'écrivez qu'au nom d'une structure dont vous êtes membre.")
    existing = Thread.objects.filter(ad=ad, organisation=organisation).first()
    if existing:
        return post(existing, user, body, from_ad_side=False), False
    now = timezone.now()
    with transaction.atomic():
        _lock(user, organisation)
        _check_first_contacts(organisation, user, now)
        _check_messages(user, now)
        try:
            with transaction.atomic():
                thread = Thread.objects.create(ad=ad, organisation=organisation, started_by=user, last_message_at=now)
        except IntegrityError:
            thread = Thread.objects.get(ad=ad, organisation=organisation)
        message = _store(thread, user, body, from_ad_side=False, now=now, first=True)
    return message, True


def post(thread, user, body, from_ad_side):
    """A message in an existing thread; the ad's structure's first answer shares both sides' addresses."""
    now = timezone.now()
    organisation = thread.ad.organisation if from_ad_side else thread.organisation
    with transaction.atomic():
        _lock(user, organisation)
        _check_messages(user, now)
        return _store(thread, user, body, from_ad_side, now)


def _store(thread, user, body, from_ad_side, now, first=False):
    message = ThreadMessage.objects.create(thread=thread, author=user, from_ad_side=from_ad_side, body=body)
    updates = {"last_message_at": now}
    if from_ad_side and thread.answered_at is None:
        updates["answered_at"] = now
    Thread.objects.filter(pk=thread.pk).update(**updates)
    for name, value in updates.items():
        setattr(thread, name, value)
    notify(thread, message, first)
    return message


def people_of(organisation):
    return get_user_model().objects.filter(
        is_active=True, memberships__organisation=organisation, memberships__role=Membership.Role.ADMIN
    )


def recipients(thread, message):
    """The ad's structure's administrators, or the writing structure's administrators and the person who wrote
    first; never the author."""
    if message.from_ad_side:
        people = set(people_of(thread.organisation))
        if thread.started_by and thread.started_by.is_active:
            people.add(thread.started_by)
    else:
        people = set(people_of(thread.ad.organisation))
    return sorted((person for person in people if person.pk != message.author_id), key=lambda person: person.pk)


def notify(thread, message, first=False):
    """One stored email per recipient, sent by the worker once the transaction commits. It names the writing
    structure, never an address: the conversation goes on through the platform."""
    sender = thread.ad.organisation if message.from_ad_side else thread.organisation
    for person in recipients(thread, message):
        send_templated_email(
            [person.email],
            "matchmaking/emails/new_message",
            {"user": person, "thread": thread, "sender": sender, "first": first, "url": thread.get_absolute_url()},
        )


def thread_messages(thread):
    return list(thread.messages.select_related("author"))


def threads_of(user):
    """The threads of the structures `user` belongs to, on either side, most recent first."""
    organisation_ids = Membership.objects.filter(user=user).values("organisation_id")
    return (
        Thread.objects.filter(Q(organisation_id__in=organisation_ids) | Q(ad__organisation_id__in=organisation_ids))
        .select_related("ad__organisation", "organisation")
        .order_by("-last_message_at", "-pk")
    )
