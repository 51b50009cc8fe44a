import html


def page_text(response):
    """The page as a person reads it: entities such as &#x27; decoded."""
    return html.unescape(response.content.decode())
