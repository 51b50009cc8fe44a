"""Bring the territories tables in line with a source (the shipped CSV files or the official geo API).

A plan is computed first by comparing the wanted rows with the stored ones, so that a run that
changes nothing reads the tables once and writes nothing; applying the plan uses bulk operations.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection, transaction
from django.db.models import Q

from deffinov.territories.models import EPCI, Commune, Department, Region
from deffinov.utils.text import normalize_search

BATCH_SIZE = 1000
COORDINATE = Decimal("0.00001")


def coordinate(value):
    """A latitude or longitude as stored (5 decimals), or None when absent (empty, "nan" or out of range)."""
    if value is None or value == "":
        return None
    number = Decimal(str(value))
    if not number.is_finite() or abs(number) > 180:
        return None
    return number.quantize(COORDINATE)


@dataclass(frozen=True)
class CommuneRecord:
    code: str
    name: str
    department_code: str
    epci_siren: str = ""
    postcodes: tuple[str, ...] = ()
    population: int = 0
    latitude: Decimal | None = None
    longitude: Decimal | None = None

    def values(self):
        """The commune's column values, search_name included (bulk operations bypass Commune.save())."""
        return {
            "name": self.name,
            "search_name": normalize_search(self.name),
            "department_id": self.department_code,
            "epci_id": self.epci_siren or None,
            "postcodes": " ".join(self.postcodes),
            "population": self.population or 0,
            "latitude": coordinate(self.latitude),
            "longitude": coordinate(self.longitude),
        }


@dataclass
class Plan:
    """What syncing one model would do."""

    model: type
    to_create: list = field(default_factory=list)
    to_update: list = field(default_factory=list)
    update_fields: list = field(default_factory=list)
    to_delete: list = field(default_factory=list)
    kept: list = field(default_factory=list)  # Missing from the source but referenced: never deleted.

    @property
    def label(self):
        return str(self.model._meta.verbose_name_plural)

    @property
    def changes(self):
        return len(self.to_create) + len(self.to_update) + len(self.to_delete)

    def apply(self):
        self.model.objects.bulk_create(self.to_create, batch_size=BATCH_SIZE)
        if self.to_update:
            self.model.objects.bulk_update(self.to_update, self.update_fields, batch_size=BATCH_SIZE // 2)
        for start in range(0, len(self.to_delete), BATCH_SIZE):
            self.model.objects.filter(pk__in=self.to_delete[start : start + BATCH_SIZE]).delete()


def referenced(model, pks):
    """The primary keys among `pks` that another row points to."""
    relations = [relation for relation in model._meta.related_objects if not relation.hidden]
    if not relations or not pks:
        return set()
    condition = Q()
    for relation in relations:
        condition |= Q(**{f"{relation.name}__isnull": False})
    found = set()
    pks = list(pks)
    for start in range(0, len(pks), BATCH_SIZE):
        chunk = pks[start : start + BATCH_SIZE]
        found.update(model.objects.filter(pk__in=chunk).filter(condition).values_list("pk", flat=True).distinct())
    return found


def plan(model, wanted, delete_missing=False):
    """Compare `wanted` ({pk: {attname: value}}) with the stored rows of `model`."""
    result = Plan(model)
    if not wanted and not delete_missing:
        return result
    fields = list(next(iter(wanted.values())).keys()) if wanted else []
    result.update_fields = [model._meta.get_field(name).name for name in fields]
    stored = {row[0]: row[1:] for row in model.objects.values_list("pk", *fields)}
    for pk, values in wanted.items():
        current = stored.get(pk)
        if current is None:
            result.to_create.append(model(pk=pk, **values))
        elif current != tuple(values.values()):
            result.to_update.append(model(pk=pk, **values))
    if delete_missing:
        missing = [pk for pk in stored if pk not in wanted]
        kept = referenced(model, missing)
        result.kept = sorted(kept)
        result.to_delete = sorted(pk for pk in missing if pk not in kept)
    return result


def plan_communes(records, delete_missing=True):
    return plan(Commune, {record.code: record.values() for record in records}, delete_missing=delete_missing)


def plan_territories(regions, departments, epcis, communes, delete_missing=True):
    """Plans for every territorial level, in the order they must be applied.

    regions: {code: name}; departments: {code: (name, region_code)}; epcis: {siren: name};
    communes: an iterable of CommuneRecord.
    """
    return [
        plan(Region, {code: {"name": name} for code, name in regions.items()}),
        plan(
            Department,
            {code: {"name": name, "region_id": region} for code, (name, region) in departments.items()},
        ),
        plan(EPCI, {siren: {"name": name} for siren, name in epcis.items()}),
        plan_communes(communes, delete_missing=delete_missing),
    ]


def apply(plans):
    with transaction.atomic():
        for each in plans:
            each.apply()
    # Fresh statistics, or the planner ignores the prefix indexes on a table it believes empty after a first load.
    with connection.cursor() as cursor:
        for each in plans:
            if each.changes:
                cursor.execute(f"ANALYZE {connection.ops.quote_name(each.model._meta.db_table)}")


def number(value):
    return f"{value:,}".replace(",", "\u202f")


def describe(plans, wet_run, examples=0):
    """Lines telling what the plans did (wet run) or would do (dry run), in French."""
    lines = []
    for each in plans:
        verbs = (
            ("création(s)", "modification(s)", "suppression(s)")
            if wet_run
            else ("à créer", "à modifier", "à supprimer")
        )
        parts = [f"{number(len(each.to_create))} {verbs[0]}", f"{number(len(each.to_update))} {verbs[1]}"]
        if each.to_delete or each.kept:
            parts.append(f"{number(len(each.to_delete))} {verbs[2]}")
        lines.append(f"{each.label[:1].upper()}{each.label[1:]} : {', '.join(parts)}.")
        if each.kept:
            lines.append(
                f"  {number(len(each.kept))} absente(s) de la source mais référencée(s), conservée(s) : "
                + ", ".join(each.kept[:10])
                + (" …" if len(each.kept) > 10 else "")
            )
        if examples:
            for verb, rows in (("+", each.to_create), ("~", each.to_update)):
                lines.extend(f"  {verb} {row.pk} {row}" for row in rows[:examples])
            lines.extend(f"  - {pk}" for pk in each.to_delete[:examples])
    return lines
