"""CSV files streamed row by row: constant memory whatever the number of rows."""

import csv

from django.http import StreamingHttpResponse

from deffinov.utils.spreadsheets import neutralise


class Echo:
    """A file-like object that hands back what the csv writer writes to it."""

    def write(self, value):
        return value


def csv_lines(header, rows):
    writer = csv.writer(Echo(), lineterminator="\r\n")
    yield writer.writerow(header)
    for row in rows:
        yield writer.writerow([neutralise(value) for value in row])


def csv_response(filename, header, rows):
    """`rows` a generator of lists of strings; every text cell is neutralised for spreadsheets."""
    response = StreamingHttpResponse(
        (line.encode() for line in csv_lines(header, rows)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
