import unicodedata


def normalize_search(value):
    """Lower-case, accent-free, hyphens and apostrophes as spaces: 'Saint-Lô' -> 'saint lo'."""
    value = unicodedata.normalize("NFKD", value or "")
    value = "".join(char for char in value if not unicodedata.combining(char)).lower()
    for char in "-'’":
        value = value.replace(char, " ")
    return " ".join(value.split())
