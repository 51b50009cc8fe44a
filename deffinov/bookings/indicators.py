"""Attendance counted by public, for the indicators of a funded project's reports (« apprenants » by public)."""

import datetime as dt

from django.db.models import Count

from deffinov.applications.models import Participation
from deffinov.bookings.models import Booking, BookingState
from deffinov.formatting import PARIS

LEARNERS = "apprenants"


def attendance_by_public(project, first, last):
    """{public code: number of distinct learners} who attended a booked slot, from `first` to `last` (dates, Paris)
    included, at the places of the project's accepted members. Learners who gave no public are under ""."""
    organisations = Participation.objects.filter(
        application__funded_project=project, status=Participation.Status.ACCEPTED
    ).values("organisation_id")
    start = dt.datetime.combine(first, dt.time(), tzinfo=PARIS)
    end = dt.datetime.combine(last + dt.timedelta(days=1), dt.time(), tzinfo=PARIS)
    rows = (
        Booking.objects.filter(
            state=BookingState.ATTENDED,
            slot__resource__place__organisation_id__in=organisations,
            slot__starts_at__gte=start,
            slot__starts_at__lt=end,
        )
        .values("public")
        .annotate(learners=Count("email", distinct=True))
        .order_by()
    )
    return {row["public"]: row["learners"] for row in rows}


def report_period(report):
    """The days a report covers: the interim one from the start to mid-term, the final one from there to the end."""
    project = report.project
    if report.kind == "interim":
        return project.starts_on, project.interim_report_due
    return project.interim_report_due + dt.timedelta(days=1), project.ends_on


def report_initial(report):
    """Initial values of the report form's « apprenants » by public, from the attendance at the project's places,
    when the report gives none yet: {"ind_apprenants__<public>": count}."""
    if report.values.filter(indicator__code=LEARNERS).exists():
        return {}
    first, last = report_period(report)
    counts = attendance_by_public(report.project, first, last)
    return {f"ind_{LEARNERS}__{public}": count for public, count in counts.items() if public}
