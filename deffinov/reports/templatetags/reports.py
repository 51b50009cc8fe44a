from django import template
from django.utils import timezone

from deffinov import formatting
from deffinov.reports.projects import ensure_reports

register = template.Library()
register.filter("euros", formatting.euros)
register.filter("day", formatting.day)
register.filter("moment", formatting.datetime)
register.filter("file_size", formatting.file_size)
register.filter("grouped", formatting.grouped)


@register.simple_tag(takes_context=True)
def project_reports(context, project):
    """The project's reports (created now for a project signed before reports existed), with what the viewer may
    do and how late each is."""
    user = context["request"].user
    today = timezone.now().astimezone(formatting.PARIS).date()
    may_write = user.has_perm("grants.act_for_project", project)
    may_decide = user.has_perm("grants.manage_project", project)
    return [
        {
            "report": report,
            "days_late": report.days_late(today),
            "very_late": report.is_very_late(today),
            "may_write": may_write and report.is_writable and project.is_live,
            "may_decide": may_decide and report.state == "submitted",
        }
        for report in ensure_reports(project)
    ]
