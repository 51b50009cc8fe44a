import datetime as dt

from deffinov.calls.formatting import format_date, in_paris

NBSP = "\xa0"


def paris_seconds(value):
    """« 11 mars 2024 à 23 h 58 min 12 s », in Paris time."""
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    if not value:
        return ""
    local = in_paris(value)
    return f"{format_date(local)} à {local.hour}{NBSP}h{NBSP}{local.minute:02d}{NBSP}min{NBSP}{local.second:02d}{NBSP}s"
