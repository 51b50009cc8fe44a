# ruff: noqa: E501 (the templates' prose, one paragraph a line)
"""The two templates applicants download beside the documents that require them, as OpenDocument text (ODT).

They are vendored in static/applications/modeles/; after changing the wording here, write them again with
`python -m deffinov.applications.fill_in_templates` (a test checks that the vendored files match).
"""

import sys
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

DIRECTORY = Path(__file__).parent / "static" / "applications" / "modeles"

MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
 <manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
 <manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>
 <manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>
</manifest:manifest>"""

NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.2"'
)

STYLES = f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document-styles {NS}>
 <office:font-face-decls/>
 <office:styles>
  <style:default-style style:family="paragraph">
   <style:paragraph-properties fo:margin-bottom="0.25cm" fo:line-height="130%"/>
   <style:text-properties style:font-name="Liberation Sans" fo:font-family="'Liberation Sans', Arial, sans-serif"
     fo:font-size="11pt" fo:language="fr" fo:country="FR"/>
  </style:default-style>
  <style:style style:name="Title" style:family="paragraph">
   <style:paragraph-properties fo:margin-bottom="0.5cm"/>
   <style:text-properties fo:font-size="16pt" fo:font-weight="bold"/>
  </style:style>
  <style:style style:name="Heading" style:family="paragraph">
   <style:paragraph-properties fo:margin-top="0.4cm"/>
   <style:text-properties fo:font-size="12pt" fo:font-weight="bold"/>
  </style:style>
  <style:style style:name="Note" style:family="paragraph">
   <style:text-properties fo:font-size="9pt" fo:font-style="italic" fo:color="#555555"/>
  </style:style>
 </office:styles>
 <office:automatic-styles>
  <style:page-layout style:name="A4"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm"
    fo:margin-top="2cm" fo:margin-bottom="2cm" fo:margin-left="2.2cm" fo:margin-right="2.2cm"/></style:page-layout>
 </office:automatic-styles>
 <office:master-styles><style:master-page style:name="Standard" style:page-layout-name="A4"/></office:master-styles>
</office:document-styles>"""


def paragraph(item):
    style, text = item if isinstance(item, tuple) else ("Standard", item)
    if style == "Table":
        return table(text)
    return f'<text:p text:style-name="{style}">{escape(text)}</text:p>'


def table(rows):
    columns = len(rows[0])
    body = "".join(
        "<table:table-row>"
        + "".join(
            f'<table:table-cell office:value-type="string"><text:p>{escape(cell)}</text:p></table:table-cell>'
            for cell in row
        )
        + "</table:table-row>"
        for row in rows
    )
    return f'<table:table table:name="Aides"><table:table-column table:number-columns-repeated="{columns}"/>{body}</table:table>'


def write(path, title, items):
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {NS}><office:body><office:text>'
        + "".join(paragraph(item) for item in items)
        + "</office:text></office:body></office:document-content>"
    )
    meta = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-meta {NS}><office:meta>'
        f"<dc:title>{escape(title)}</dc:title><dc:language>fr-FR</dc:language>"
        "<meta:generator>Deffinov</meta:generator></office:meta></office:document-meta>"
    )
    with zipfile.ZipFile(path, "w") as odt:
        # The mimetype comes first and stored, so that the file is recognised without unpacking it.
        odt.writestr(
            zipfile.ZipInfo("mimetype", date_time=(2026, 1, 1, 0, 0, 0)),
            "application/vnd.oasis.opendocument.text",
            compress_type=zipfile.ZIP_STORED,
        )
        for name, data in [
            ("META-INF/manifest.xml", MANIFEST),
            ("content.xml", content),
            ("styles.xml", STYLES),
            ("meta.xml", meta),
        ]:
            odt.writestr(
                zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0)), data, compress_type=zipfile.ZIP_DEFLATED
            )


BLANK = "…………………………………………"


def write_all(directory=DIRECTORY):
    directory = Path(directory)
    write(
        directory / "lettre-d-engagement.odt",
        "Lettre d'engagement",
        [
            ("Title", "Lettre d'engagement"),
            (
                "Note",
                "Modèle à compléter, à imprimer sur papier à en-tête de la structure, à signer par son représentant légal, puis à déposer en PDF dans le dossier, partie « Pièces justificatives ».",
            ),
            f"Je soussigné(e), {BLANK} (nom et prénom), {BLANK} (fonction), représentant légal de la structure {BLANK} (dénomination), SIRET {BLANK},",
            ("Heading", "m'engage, au nom de cette structure\u00a0:"),
            f"– à participer au projet « {BLANK} » (dossier n° DEF-{BLANK}), présenté par le collectif dont la structure {BLANK} est chef de file, en réponse à l'appel à projets de la Région Normandie\u00a0;",
            f"– à mener les actions qui reviennent à ma structure dans ce projet et à en porter les dépenses inscrites au budget du dossier, pour un montant de {BLANK}\u00a0€\u00a0;",
            "– à mettre à disposition du projet les locaux, équipements et personnes décrits dans le dossier, y compris les apports en nature qui y sont valorisés\u00a0;",
            "– à informer sans délai le chef de file et la Région de tout changement qui affecterait ma participation\u00a0;",
            "– à mentionner le soutien de la Région Normandie dans la communication relative au projet.",
            "Je certifie que la structure est à jour de ses obligations fiscales et sociales.",
            f"Fait à {BLANK}, le {BLANK}",
            "Signature du représentant légal et cachet de la structure\u00a0:",
        ],
    )
    write(
        directory / "declaration-de-minimis.odt",
        "Déclaration des aides de minimis",
        [
            ("Title", "Déclaration des aides de minimis"),
            (
                "Note",
                "Modèle à compléter par chaque structure du collectif, à signer par son représentant légal, puis à déposer en PDF dans le dossier, partie « Pièces justificatives ». Reportez le total dans la partie « Répartition de la subvention et aides de minimis ».",
            ),
            f"Je soussigné(e), {BLANK} (nom et prénom), {BLANK} (fonction), représentant légal de la structure {BLANK} (dénomination), SIRET {BLANK},",
            "déclare, au titre du règlement (UE) 2023/2831 de la Commission du 13 décembre 2023 relatif aux aides de minimis, que la structure (et toute entreprise qu'elle contrôle ou qui la contrôle)\u00a0:",
            "☐ n'a reçu aucune aide de minimis au cours des trois dernières années\u00a0;",
            "☐ a reçu, au cours des trois dernières années, les aides de minimis suivantes\u00a0:",
            (
                "Table",
                [
                    ["Date d'attribution", "Organisme qui a versé l'aide", "Objet de l'aide", "Montant (€)"],
                    ["", "", "", ""],
                    ["", "", "", ""],
                    ["", "", "", ""],
                    ["", "", "", ""],
                    ["Total", "", "", ""],
                ],
            ),
            "Les aides de minimis sont signalées comme telles dans la lettre ou la convention qui les attribue. Le plafond est de 300\u00a0000\u00a0€ par entreprise unique sur trois ans glissants.",
            "Je certifie exactes les informations ci-dessus.",
            f"Fait à {BLANK}, le {BLANK}",
            "Signature du représentant légal et cachet de la structure\u00a0:",
        ],
    )


if __name__ == "__main__":
    write_all(sys.argv[1] if len(sys.argv) > 1 else DIRECTORY)
