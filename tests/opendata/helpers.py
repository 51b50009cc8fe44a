"""Reading the open-data files as a re-user would: download, parse, validate against the official schema."""

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from frictionless import Resource, Schema
from stdnum.fr import siret

from deffinov.grants.convention import upload_signed
from tests.applications.factories import pdf_bytes
from tests.grants.helpers import funded_project, signed

SCHEMAS = Path(__file__).resolve().parents[2] / "deffinov" / "opendata" / "schemas"
SCDL = SCHEMAS / "scdl-subventions-2.1.1.schema.json"
DISPOSITIF = SCHEMAS / "dispositif-aide.schema.json"


def download(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.streaming
    return b"".join(response.streaming_content)


def rows(body):
    return list(csv.DictReader(io.StringIO(body.decode("utf-8"))))


def errors(body, schema_path):
    """Every error frictionless finds in the file against the schema: [(row, field, type, note)]."""
    schema = Schema.from_descriptor(json.loads(schema_path.read_text(encoding="utf-8")))
    report = Resource(body, format="csv", encoding="utf-8", schema=schema).validate()
    return report.flatten(["rowNumber", "fieldName", "type", "note"])


def siret_errors(body):
    """The schema's own custom checks (run by Validata, not by frictionless): SIRET keys and a beneficiary's id."""
    found = []
    for number, row in enumerate(rows(body), start=2):
        if not siret.is_valid(row["idAttribuant"]):
            found.append((number, "idAttribuant"))
        if row["idBeneficiaire"] and not siret.is_valid(row["idBeneficiaire"]):
            found.append((number, "idBeneficiaire"))
        if not (row["idBeneficiaire"] or row["rnaBeneficiaire"]):
            found.append((number, "idBeneficiaire|rnaBeneficiaire"))
    return found


def countersigned(instructor, functional_admin, amount=Decimal(90_000)):
    """A funded project whose lead uploaded the signed convention and the Region countersigned it today."""
    project, data = funded_project(instructor, functional_admin, amount=amount)
    copy = SimpleUploadedFile("convention-signee.pdf", pdf_bytes("Convention signée"), "application/pdf")
    upload_signed(project, copy, data["lead_admin"])
    return signed(project, functional_admin), data
