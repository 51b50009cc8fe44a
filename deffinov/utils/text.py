import unicodedata


def normalize_search(value):
    """Lower-case, accent-free, hyphens and apostrophes as spaces: 'Saint-Lô' -> 'saint lo'."""
    value = unicodedata.normalize("NFKD", value or "")
    value = "".join(char for char in value if not unicodedata.combining(char)).lower()
    for char in "-'’":
        value = value.replace(char, " ")
    return " ".join(value.split())


def of(name):
    """A proper name after « de », elided and contracted: « d'Évreux », « d'Élise Duval », « du Tiers-Lieu du
    Bocage » (for « Le Tiers-Lieu… »), « des Ateliers » (for « Les Ateliers »), « de Caen »."""
    name = str(name)
    for article, contracted in (("Le ", "du "), ("Les ", "des ")):
        if name.startswith(article):
            return contracted + name[len(article) :]
    first = normalize_search(name[:1])
    return f"d'{name}" if first and first in "aeiouyh" else f"de {name}"
