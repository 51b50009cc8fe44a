"""Charts drawn on the server as SVG: no script, no CDN. Each one is an image whose figures are in the table beside it.

Colours are presentation attributes (the CSP forbids inline styles) chosen for a contrast of at least 3:1 on white.
"""

import math

from django.utils.html import escape
from django.utils.safestring import mark_safe

from deffinov.formatting import euros, grouped

SERIES_COLOURS = ("#1f4e79", "#b34700", "#2e7d32", "#6a1b9a")
LABEL_WIDTH = 230
BAR_AREA = 380
BAR_HEIGHT = 14
GAP = 10


def value_label(value, kind):
    return euros(value) if kind == "money" else grouped(value)


def bar_chart(table, chart_id):
    """Horizontal bars, one group per row of `table`, one bar per charted column."""
    series = [(index, table.columns[index]) for index in table.chart]
    largest = max((row[i] or 0 for row in table.rows for i, _ in series), default=0) or 1
    group_height = len(series) * BAR_HEIGHT + GAP
    legend_height = 24
    height = legend_height + max(len(table.rows), 1) * group_height + GAP
    width = LABEL_WIDTH + BAR_AREA + 130
    parts = [
        f'<svg class="chart" id="{chart_id}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-title">{escape(table.caption)}</title>',
        f'<desc id="{chart_id}-desc">Graphique en barres ; les valeurs figurent dans le tableau qui suit.</desc>',
    ]
    x = 0
    for number, (_, column) in enumerate(series):
        colour = SERIES_COLOURS[number % len(SERIES_COLOURS)]
        parts.append(f'<rect x="{x}" y="4" width="12" height="12" fill="{colour}"/>')
        parts.append(f'<text x="{x + 16}" y="15" font-size="12">{escape(column.header)}</text>')
        x += 16 + 7 * len(column.header) + 16
    for row_number, row in enumerate(table.rows):
        top = legend_height + row_number * group_height
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{top + len(series) * BAR_HEIGHT / 2 + 4}" font-size="12" '
            f'text-anchor="end">{escape(str(row[0])[:34])}</text>'
        )
        for number, (index, column) in enumerate(series):
            value = row[index] or 0
            length = math.floor(BAR_AREA * float(value) / float(largest))
            y = top + number * BAR_HEIGHT
            colour = SERIES_COLOURS[number % len(SERIES_COLOURS)]
            parts.append(
                f'<rect x="{LABEL_WIDTH}" y="{y}" width="{max(length, 1)}" height="{BAR_HEIGHT - 2}" fill="{colour}"/>'
            )
            parts.append(
                f'<text x="{LABEL_WIDTH + length + 4}" y="{y + BAR_HEIGHT - 3}" font-size="11">'
                f"{escape(value_label(value, column.kind))}</text>"
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 (every text above is escaped)
