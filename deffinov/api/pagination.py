"""Every list of the API comes by pages: `page` (from 1) and `per_page` (at most 200), with the total count."""

from math import ceil

from ninja import Field, Schema

PER_PAGE = 50
MAX_PER_PAGE = 200
MAX_PAGE = 100_000


class PageMeta(Schema):
    count: int = Field(description="Nombre total d'éléments, toutes pages confondues.")
    page: int = Field(description="Numéro de cette page (à partir de 1).")
    per_page: int = Field(description="Nombre d'éléments par page.")
    pages: int = Field(description="Nombre de pages.")


def page_of(queryset, page, per_page):
    """The page's items (a list) and its counts; a page after the last one is empty."""
    count = queryset.count()
    start = (page - 1) * per_page
    items = list(queryset[start : start + per_page]) if start < count else []
    return {"count": count, "page": page, "per_page": per_page, "pages": max(1, ceil(count / per_page)), "items": items}
