"""The pieces of a to-do list: an item (a link, what to do, a date written the French way) and a block of items."""

from dataclasses import dataclass, field

from deffinov import formatting

# How many items a list of the Region shows before sending to the full list.
SHOWN = 10


@dataclass(frozen=True)
class Item:
    """One thing to do (or to know): a link, what it is, and a date already written the French way."""

    title: str
    url: str
    action: str = ""
    when: str = ""
    machine_when: str = ""
    urgent: bool = False


def dated(prefix, value):
    """(« avant le 1er mars 2024 », ISO) for a date, or a moment in Paris."""
    if value is None:
        return "", ""
    text = formatting.day(value) if not hasattr(value, "hour") else formatting.datetime(value)
    return f"{prefix} {text}", formatting.iso(value)


@dataclass
class Block:
    title: str
    items: list = field(default_factory=list)
    empty: str = ""
    more: str = ""
    more_url: str = ""
