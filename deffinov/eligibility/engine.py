"""The eligibility engine: the call's rules checked against an application, in plain Python.

`evaluate(facts, rules, at)` returns a `Verdict` whose results always come in the same order,
one per rule code. The codes are a public contract (API, exports): never rename one.

| code | blocking | what it checks |
|---|---|---|
| `wave.open` | yes | `at` lies within the wave's window, to the second |
| `composition.tiers_lieu` | yes | enough counted tiers-lieux declaring every criterion with a justification |
| `composition.training_actor` | yes | enough counted training actors |
| `composition.distinct_members` | yes | enough counted members with distinct SIREN |
| `composition.lead` | yes | exactly one chef de file, and a counted member |
| `members.seniority` | yes | each counted member is old enough at `at` |
| `territory.region` | yes | every place of activity lies in the call's départements |
| `budget.balanced` | yes | expenses equal resources |
| `budget.grant_range` | above the maximum | requested grant within the call's range (below: a warning) |
| `budget.cofinancing` | yes | 1 − grant ÷ expenses ≥ the cofinancing floor, compared exactly (`cofinancing_met`) |
| `budget.communication_cap` | yes | communication expenses ≤ the call's communication cap rate × eligible expenses |
| `schedule.start` | yes | the project starts no earlier than the filing day (per call: wave's opening, or any day) |
| `schedule.duration` | yes | duration within the call's range |
| `schedule.end` | yes | the project ends by the end of the programme (or the wave's own end of projects) |
| `documents.complete` | yes | no counted member misses a required document (not in the simulator) |
| `state_aid.de_minimis` | no (warning) | each member stays under the de minimis ceiling |

Every number comes from `CallRules`; nothing here reads the database. Each message is written
(in French, with the numbers) when first read, so that a verdict costs a few dozen microseconds
when only its statuses matter (the submission guard, lists of applications).
"""

import datetime as dt
from decimal import Decimal
from functools import lru_cache

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from deffinov import formatting as fmt
from deffinov.eligibility.facts import (
    ApplicationFacts,
    CallRules,
    MemberFacts,
    ProjectStart,
    RuleResult,
    Status,
    Verdict,
)

PASS, WARNING, FAIL, NOT_APPLICABLE = Status.PASS, Status.WARNING, Status.FAIL, Status.NOT_APPLICABLE

TIERS_LIEU = "tiers_lieu"
# The training kinds (deffinov.organisations.kinds.TRAINING_KINDS), as plain strings.
TRAINING_KINDS = frozenset({"organisme_formation", "cfa", "lycee_professionnel", "etablissement_scolaire", "edtech"})
# A place of activity outside every listed département, when its code is not known (the simulator's choice).
OTHER_DEPARTMENT = "autre"

RULE_CODES = (
    "wave.open",
    "composition.tiers_lieu",
    "composition.training_actor",
    "composition.distinct_members",
    "composition.lead",
    "members.seniority",
    "territory.region",
    "budget.balanced",
    "budget.grant_range",
    "budget.cofinancing",
    "budget.communication_cap",
    "schedule.start",
    "schedule.duration",
    "schedule.end",
    "documents.complete",
    "state_aid.de_minimis",
)


def evaluate(facts: ApplicationFacts, rules: CallRules, at: dt.datetime) -> Verdict:
    """Check every rule of the call; the verdict is eligible when no result fails."""
    if at.tzinfo is None:
        at = at.replace(tzinfo=fmt.PARIS)
    members = facts.members
    counted = [member for member in members if member.counted]
    budget = facts.budget
    return Verdict(
        rules=(
            check_wave(rules, at),
            check_tiers_lieu(counted, members, rules),
            check_training_actor(counted, members, rules),
            check_distinct_members(counted, rules),
            check_lead(members),
            check_seniority(counted, members, rules, at),
            check_territory(facts.departements, rules),
            check_balance(budget),
            check_grant_range(budget, rules),
            check_cofinancing(budget, rules),
            check_communication(budget, rules),
            check_start(facts.start_on, rules, facts.filed_at or at),
            check_duration(facts.start_on, facts.end_on, rules),
            check_end(facts.end_on, rules),
            check_documents(counted, members, facts.check_documents),
            check_de_minimis(members, budget.requested_grant, rules),
        )
    )


class LazyRuleResult(RuleResult):
    """A `RuleResult` whose message is written when first read (then kept), in the language active then."""

    @property
    def message(self):
        values = self.__dict__
        message = values.get("_message")
        if message is None:
            message = values["_message"] = values["_render"]()
        return message

    @message.setter
    def message(self, value):  # The dataclass's __init__ (dataclasses.replace) sets it.
        self.__dict__["_message"] = value

    def __eq__(self, other):
        if isinstance(other, RuleResult):
            return (self.code, self.status, self.message, self.details, self.field) == (
                other.code,
                other.status,
                other.message,
                other.details,
                other.field,
            )
        return NotImplemented

    __hash__ = None  # As RuleResult's: its details are a dict.

    def __reduce__(self):
        """Pickled (cached, copied) as a plain RuleResult, its message written."""
        return RuleResult, (self.code, self.status, self.message, self.details, self.field)


_new = object.__new__


def result(code, status, render, details=None, field=""):
    """A result whose message is `render()`; built directly, as fourteen frozen dataclasses per verdict add up."""
    instance = _new(LazyRuleResult)
    values = instance.__dict__
    values["code"] = code
    values["status"] = status
    values["_render"] = render
    values["details"] = {} if details is None else details
    values["field"] = field
    return instance


def display_name(member: MemberFacts, members=None):
    name = member.name.strip()
    if name:
        return name
    if members is not None:
        return _("membre n° %(number)s") % {"number": members.index(member) + 1}
    return member.siren or _("membre sans nom")


def add_months(day: dt.date, count: int) -> dt.date:
    """The same day `count` months later, or the last day of that month when it is shorter (29/02 + 12 → 28/02)."""
    month_index = day.month - 1 + count
    year, month = day.year + month_index // 12, month_index % 12 + 1
    if day.day <= 28:
        return dt.date(year, month, day.day)
    next_month = dt.date(year + month // 12, month % 12 + 1, 1)
    return min(dt.date(year, month, 28) + dt.timedelta(days=day.day - 28), next_month - dt.timedelta(days=1))


@lru_cache(maxsize=64)
def latest_start_for_seniority(today: dt.date, months: int) -> dt.date:
    """The last date `since` such that `add_months(since, months) <= today` (a member born then is old enough)."""
    since = add_months(today, -months)
    while add_months(since + dt.timedelta(days=1), months) <= today:
        since += dt.timedelta(days=1)
    while add_months(since, months) > today:
        since -= dt.timedelta(days=1)
    return since


def duration(start_on: dt.date, end_on: dt.date) -> tuple[int, int]:
    """How long a project lasts, as (whole months, remaining days); both dates are included.

    The project runs from the first moment of `start_on` to the last moment of `end_on`, that is
    until `end_on + 1 day` exclusive. Its length in whole months is the largest `m` such that
    `start_on + m months ≤ end_on + 1 day` (adding months keeps the day of the month, or takes the
    last day of a shorter month); the remaining days are what is left. So 01/01/2024 → 31/12/2024
    lasts (12, 0): exactly 12 months; 15/01/2024 → 14/01/2025 too; 01/01/2024 → 30/12/2024 lasts
    (11, 30), less than 12 months; 01/01/2024 → 01/01/2027 lasts (36, 1), more than 36 months.
    A duration is within [min, max] months when m ≥ min, and m < max or (m = max and no day remains).
    """
    after_end = end_on + dt.timedelta(days=1)
    count = (after_end.year - start_on.year) * 12 + after_end.month - start_on.month
    while count > 0 and add_months(start_on, count) > after_end:
        count -= 1
    count = max(count, 0)
    return count, (after_end - add_months(start_on, count)).days


# Wave ----------------------------------------------------------------------------------------------


def check_wave(rules: CallRules, at: dt.datetime) -> RuleResult:
    code = "wave.open"
    opens_at, closes_at = rules.wave_opens_at, rules.wave_closes_at
    if opens_at is None or closes_at is None:
        return result(
            code, NOT_APPLICABLE, lambda: _("Aucune vague n'est indiquée : la date de dépôt n'est pas vérifiée.")
        )
    instant = at.replace(microsecond=0)
    details = {
        "wave": rules.wave_title,
        "at": at.astimezone(fmt.PARIS).isoformat(),
        "opens_at": fmt.iso(opens_at),
        "closes_at": fmt.iso(closes_at),
    }
    if instant < opens_at:
        return result(
            code,
            FAIL,
            lambda: (
                _("La vague n'est pas encore ouverte : elle ouvrira le %(opens)s (heure de Paris).")
                % {"opens": fmt.datetime(opens_at)}
            ),
            details,
        )
    if instant > closes_at:
        return result(
            code,
            FAIL,
            lambda: (
                _(
                    "La vague a été clôturée le %(closes)s (heure de Paris). "
                    "Les dossiers ne peuvent plus y être déposés."
                )
                % {"closes": fmt.datetime(closes_at)}
            ),
            details,
        )
    return result(
        code,
        PASS,
        lambda: _("La vague est ouverte jusqu'au %(closes)s (heure de Paris).") % {"closes": fmt.datetime(closes_at)},
        details,
    )


# Composition ---------------------------------------------------------------------------------------


def check_tiers_lieu(counted, members, rules: CallRules) -> RuleResult:
    code = "composition.tiers_lieu"
    required = rules.min_tiers_lieu_members
    criteria = rules.criteria
    missing = {}
    qualifying = found = 0
    for member in counted:
        if TIERS_LIEU not in member.kinds:
            continue
        found += 1
        declared = member.tiers_lieu_criteria
        lacking = [label for criterion, label in criteria if not (declared.get(criterion) or "").strip()]
        if lacking:
            missing[display_name(member, members)] = lacking
        else:
            qualifying += 1
    details = {"required": required, "qualifying": qualifying, "missing_criteria": missing}
    if qualifying >= required:
        return result(
            code,
            PASS,
            lambda: (
                ngettext(
                    "Le collectif compte %(count)s tiers-lieu déclarant les %(criteria)s critères de l'appel.",
                    "Le collectif compte %(count)s tiers-lieux déclarant les %(criteria)s critères de l'appel.",
                    qualifying,
                )
                % {"count": qualifying, "criteria": len(criteria)}
            ),
            details,
        )
    if not found:
        return result(
            code,
            FAIL,
            lambda: (
                ngettext(
                    "Le collectif doit compter au moins %(required)s tiers-lieu parmi ses membres comptés : "
                    "ajoutez une structure de type « tiers-lieu ».",
                    "Le collectif doit compter au moins %(required)s tiers-lieux parmi ses membres comptés : "
                    "ajoutez des structures de type « tiers-lieu ».",
                    required,
                )
                % {"required": required}
            ),
            details,
            "#membres",
        )

    def render():
        parts = [
            _("%(member)s ne déclare pas : %(criteria)s")
            % {"member": fmt.quoted_list([name]), "criteria": fmt.quoted_list(labels)}
            for name, labels in missing.items()
        ]
        return ngettext(
            "Il faut au moins %(required)s tiers-lieu déclarant chaque critère de l'appel, avec une justification. "
            "%(parts)s. Cochez chaque critère et justifiez-le en quelques mots.",
            "Il faut au moins %(required)s tiers-lieux déclarant chaque critère de l'appel, avec une justification. "
            "%(parts)s. Cochez chaque critère et justifiez-le en quelques mots.",
            required,
        ) % {"required": required, "parts": " ; ".join(parts)}

    return result(code, FAIL, render, details, "#criteres-tiers-lieu")


def check_training_actor(counted, members, rules: CallRules) -> RuleResult:
    code = "composition.training_actor"
    required = rules.min_training_members
    found = 0
    for member in counted:
        if not member.kinds.isdisjoint(TRAINING_KINDS):
            found += 1
    details = {"required": required, "found": found}
    if found >= required:
        return result(
            code,
            PASS,
            lambda: (
                ngettext(
                    "Le collectif compte %(count)s acteur de la formation.",
                    "Le collectif compte %(count)s acteurs de la formation.",
                    found,
                )
                % {"count": found}
            ),
            details,
        )

    def render():
        message = ngettext(
            "Le collectif doit compter au moins %(required)s acteur de la formation parmi ses membres comptés "
            "(organisme de formation, CFA, lycée professionnel, établissement scolaire ou EdTech).",
            "Le collectif doit compter au moins %(required)s acteurs de la formation parmi ses membres comptés "
            "(organismes de formation, CFA, lycées professionnels, établissements scolaires ou EdTech).",
            required,
        ) % {"required": required}
        associated = [m for m in members if not m.counted and not m.kinds.isdisjoint(TRAINING_KINDS)]
        if associated:
            message += " " + ngettext(
                "%(members)s est un partenaire associé : il n'est pas compté.",
                "%(members)s sont des partenaires associés : ils ne sont pas comptés.",
                len(associated),
            ) % {"members": fmt.quoted_list([display_name(m, members) for m in associated])}
        return message

    return result(code, FAIL, render, details, "#membres")


def check_distinct_members(counted, rules: CallRules) -> RuleResult:
    code = "composition.distinct_members"
    required = rules.min_distinct_members
    by_siren = {}
    for index, member in enumerate(counted):
        # A member without a SIREN cannot be compared: it counts as a structure of its own.
        siren = member.siren.strip() or f"#{index}"
        if siren in by_siren:
            by_siren[siren].append(member)
        else:
            by_siren[siren] = [member]
    distinct = len(by_siren)
    duplicates = {}
    if distinct < len(counted):
        duplicates = {siren: [display_name(m) for m in group] for siren, group in by_siren.items() if len(group) > 1}
    details = {"required": required, "distinct": distinct, "duplicate_sirens": duplicates}
    if distinct >= required:
        return result(
            code,
            PASS,
            lambda: (
                ngettext(
                    "Le collectif compte %(count)s structure distincte.",
                    "Le collectif compte %(count)s structures distinctes (SIREN différents).",
                    distinct,
                )
                % {"count": distinct}
            ),
            details,
        )

    def render():
        message = ngettext(
            "Le collectif doit réunir au moins %(required)s structure distincte parmi ses membres comptés.",
            "Le collectif doit réunir au moins %(required)s structures distinctes (SIREN différents) "
            "parmi ses membres comptés.",
            required,
        ) % {"required": required}
        if distinct == 1:
            kinds = frozenset().union(*(member.kinds for member in counted))
            if TIERS_LIEU in kinds and not kinds.isdisjoint(TRAINING_KINDS):
                message += " " + _(
                    "Une structure à la fois tiers-lieu et acteur de la formation ne peut pas candidater seule : "
                    "associez-vous à au moins une autre structure, tiers-lieu ou acteur de la formation."
                )
        for siren, names in duplicates.items():
            if not siren.startswith("#"):
                message += " " + _("%(members)s ont le même SIREN (%(siren)s) : c'est une seule structure.") % {
                    "members": fmt.quoted_list(names),
                    "siren": siren,
                }
        return message

    return result(code, FAIL, render, details, "#membres")


def check_lead(members) -> RuleResult:
    code = "composition.lead"
    leads = [member for member in members if member.lead]
    names = [display_name(member, members) for member in leads]
    details = {"leads": names}
    if not leads:
        return result(
            code,
            FAIL,
            lambda: _("Désignez le chef de file parmi les membres comptés du collectif."),
            details,
            "#membres",
        )
    if len(leads) > 1:
        return result(
            code,
            FAIL,
            lambda: (
                _(
                    "Le collectif n'a qu'un chef de file, or %(count)s membres sont désignés : %(names)s. "
                    "Gardez-en un seul."
                )
                % {"count": len(leads), "names": fmt.quoted_list(names)}
            ),
            details,
            "#membres",
        )
    if not leads[0].counted:
        return result(
            code,
            FAIL,
            lambda: (
                _("Le chef de file %(name)s est un partenaire associé : il doit être un membre compté du collectif.")
                % {"name": fmt.quoted_list(names)}
            ),
            details,
            "#membres",
        )
    return result(code, PASS, lambda: _("Le chef de file est %(name)s.") % {"name": fmt.quoted_list(names)}, details)


# Members -------------------------------------------------------------------------------------------


def check_seniority(counted, members, rules: CallRules, at: dt.datetime) -> RuleResult:
    code = "members.seniority"
    required = rules.seniority_months
    today = at.astimezone(fmt.PARIS).date()
    latest = latest_start_for_seniority(today, required)
    undated, too_young = [], []
    for member in counted:
        place = member.place_opened_on is not None and TIERS_LIEU in member.kinds
        since = member.place_opened_on if place else member.created_on
        if since is None:
            undated.append(display_name(member, members))
            continue
        if since > latest:
            too_young.append(
                {
                    "member": display_name(member, members),
                    "since": since.isoformat(),
                    "reached_on": add_months(since, required).isoformat(),
                    "place": place,
                }
            )
    details = {"required_months": required, "on": today.isoformat(), "too_young": too_young, "undated": undated}
    if not counted:
        return result(
            code, NOT_APPLICABLE, lambda: _("Aucun membre compté : l'ancienneté sera vérifiée pour chacun."), details
        )
    if not undated and not too_young:
        return result(
            code,
            PASS,
            lambda: _("Chaque membre compté existe depuis au moins %(age)s.") % {"age": fmt.months(required)},
            details,
        )

    def render():
        parts = []
        if too_young:
            young = [
                (
                    _("%(name)s (lieu ouvert le %(since)s) n'aura %(age)s d'existence que le %(reached)s")
                    if item["place"]
                    else _("%(name)s (créée le %(since)s) n'aura %(age)s d'existence que le %(reached)s")
                )
                % {
                    "name": fmt.quoted_list([item["member"]]),
                    "since": fmt.day(dt.date.fromisoformat(item["since"])),
                    "age": fmt.months(required),
                    "reached": fmt.day(dt.date.fromisoformat(item["reached_on"])),
                }
                for item in too_young
            ]
            parts.append(
                _("Chaque membre compté doit exister depuis au moins %(age)s : %(members)s.")
                % {"age": fmt.months(required), "members": " ; ".join(young)}
            )
        if undated:
            parts.append(
                _(
                    "Indiquez la date de création de %(members)s (pour un tiers-lieu, la date d'ouverture du lieu) "
                    "pour vérifier son ancienneté."
                )
                % {"members": fmt.quoted_list(undated)}
            )
        return " ".join(parts)

    return result(code, FAIL, render, details, "#membres")


# Territory -----------------------------------------------------------------------------------------


def check_territory(departements, rules: CallRules) -> RuleResult:
    code = "territory.region"
    eligible = rules.eligible_departments
    outside = sorted(departements - eligible)
    details = {"departements": sorted(departements), "eligible": sorted(eligible), "outside": outside}

    def eligible_text():
        return fmt.plain_list(details["eligible"])

    if not departements:
        return result(
            code,
            FAIL,
            lambda: (
                _("Indiquez au moins un département où se déroule le projet (départements éligibles : %(eligible)s).")
                % {"eligible": eligible_text()}
            ),
            details,
            "#territoire",
        )
    if outside:

        def render():
            shown = [_("un autre département") if item == OTHER_DEPARTMENT else item for item in outside]
            return _(
                "Le projet doit se dérouler dans les départements de l'appel (%(eligible)s) ; "
                "hors de ce territoire : %(outside)s. Retirez les lieux d'activité situés ailleurs."
            ) % {"eligible": eligible_text(), "outside": fmt.plain_list(shown)}

        return result(code, FAIL, render, details, "#territoire")
    return result(
        code,
        PASS,
        lambda: (
            ngettext(
                "Le lieu d'activité est dans le territoire de l'appel (%(departements)s).",
                "Les lieux d'activité sont dans le territoire de l'appel (%(departements)s).",
                len(departements),
            )
            % {"departements": fmt.plain_list(details["departements"])}
        ),
        details,
    )


# Budget --------------------------------------------------------------------------------------------


def check_balance(budget) -> RuleResult:
    code = "budget.balanced"
    expenses, resources = budget.expenses, budget.resources
    gap = resources - expenses
    details = {"expenses": fmt.number(expenses), "resources": fmt.number(resources), "gap": fmt.number(gap)}
    if gap == 0:
        return result(
            code,
            PASS,
            lambda: (
                _("Le budget est équilibré : %(expenses)s de dépenses et de ressources.")
                % {"expenses": fmt.euros(expenses)}
            ),
            details,
        )

    def render():
        if gap < 0:
            message = _(
                "Le budget n'est pas équilibré : les dépenses (%(expenses)s) dépassent les ressources "
                "(%(resources)s) de %(gap)s. Complétez les ressources ou réduisez les dépenses."
            )
        else:
            message = _(
                "Le budget n'est pas équilibré : les ressources (%(resources)s) dépassent les dépenses "
                "(%(expenses)s) de %(gap)s. Les ressources doivent être égales aux dépenses."
            )
        return message % {
            "expenses": fmt.euros(expenses),
            "resources": fmt.euros(resources),
            "gap": fmt.euros(abs(gap)),
        }

    return result(code, FAIL, render, details, "#budget")


def check_grant_range(budget, rules: CallRules) -> RuleResult:
    code = "budget.grant_range"
    grant, low, high = budget.requested_grant, rules.grant_min, rules.grant_max
    details = {"requested_grant": fmt.number(grant), "min": fmt.number(low), "max": fmt.number(high)}

    def amounts():
        return {"grant": fmt.euros(grant), "min": fmt.euros(low), "max": fmt.euros(high)}

    if grant > high:
        return result(
            code,
            FAIL,
            lambda: (
                _(
                    "La subvention demandée (%(grant)s) dépasse le maximum de l'appel (%(max)s) : "
                    "ramenez-la à %(max)s au plus."
                )
                % amounts()
            ),
            details,
            "#budget",
        )
    if grant < low:
        return result(
            code,
            WARNING,
            lambda: (
                _(
                    "La subvention demandée (%(grant)s) est inférieure au montant habituel (%(min)s) : "
                    "la demande sera examinée au cas par cas."
                )
                % amounts()
            ),
            details,
            "#budget",
        )
    return result(
        code,
        PASS,
        lambda: _("La subvention demandée (%(grant)s) est comprise entre %(min)s et %(max)s.") % amounts(),
        details,
    )


def _decimal(value):
    return value if isinstance(value, Decimal) else Decimal(str(value))


def cofinancing_rate(expenses, grant):
    """The share of the expenses not covered by the grant, 1 − grant ÷ expenses, as an unrounded Decimal.

    None when there are no expenses. Pages show it with `formatting.percent`, which rounds down, so a rate
    just below a floor never reads as the floor. Never compare this rate to a floor: use `cofinancing_met`.
    """
    expenses, grant = _decimal(expenses), _decimal(grant)
    if expenses <= 0:
        return None
    return (expenses - grant) / expenses


def cofinancing_met(expenses, grant, floor) -> bool:
    """Whether the cofinancing reaches `floor` (0.30 for 30 %): expenses − grant ≥ floor × expenses, exactly.

    Compared without dividing or rounding, so that exactly the floor passes and 29.96 % fails a 30 % floor.
    The one rule for the engine, the committee and every page: never compare a rounded rate.
    """
    expenses, grant, floor = _decimal(expenses), _decimal(grant), _decimal(floor)
    if expenses <= 0:
        return False
    return expenses - grant >= floor * expenses


def check_cofinancing(budget, rules: CallRules) -> RuleResult:
    code = "budget.cofinancing"
    expenses, grant, floor = budget.expenses, budget.requested_grant, rules.cofinancing_floor
    rate = cofinancing_rate(expenses, grant)
    if rate is None:
        return result(
            code,
            FAIL,
            lambda: (
                _(
                    "Le total des dépenses est nul : indiquez les dépenses éligibles du projet "
                    "(valorisations comprises) pour calculer le taux de cofinancement (minimum %(floor)s)."
                )
                % {"floor": fmt.percent(floor)}
            ),
            {"rate": None, "floor": fmt.number(floor)},
            "#budget",
        )
    max_grant = expenses - floor * expenses
    details = {"rate": round(float(rate), 4), "floor": fmt.number(floor), "max_grant": fmt.number(max_grant)}
    if cofinancing_met(expenses, grant, floor):
        return result(
            code,
            PASS,
            lambda: (
                _("Le cofinancement atteint %(rate)s du budget (minimum %(floor)s).")
                % {"rate": fmt.percent(rate), "floor": fmt.percent(floor)}
            ),
            details,
        )
    return result(
        code,
        FAIL,
        lambda: (
            _(
                "Le cofinancement n'atteint que %(rate)s du budget, pour un minimum de %(floor)s : "
                "la subvention ne peut dépasser %(max_grant)s pour %(expenses)s de dépenses. "
                "Réduisez la subvention demandée ou augmentez l'autofinancement, les autres financements "
                "ou les valorisations."
            )
            % {
                "rate": fmt.percent(rate),
                "floor": fmt.percent(floor),
                "max_grant": fmt.euros(max_grant),
                "expenses": fmt.euros(expenses),
            }
        ),
        details,
        "#budget",
    )


def check_communication(budget, rules: CallRules) -> RuleResult:
    code = "budget.communication_cap"
    expenses, spent, rate = budget.expenses, budget.communication, rules.communication_cap_rate
    cap = rate * expenses
    details = {
        "communication": fmt.number(spent),
        "expenses": fmt.number(expenses),
        "cap_rate": fmt.number(rate),
        "cap": fmt.number(cap),
    }

    def amounts():
        return {
            "spent": fmt.euros(spent),
            "rate": fmt.percent(rate),
            "cap": fmt.euros(cap),
            "expenses": fmt.euros(expenses),
            "excess": fmt.euros(spent - cap),
        }

    if spent <= cap:
        if spent == 0:
            return result(
                code,
                PASS,
                lambda: (
                    _("Aucune dépense de communication n'est prévue (plafond : %(rate)s des dépenses éligibles).")
                    % amounts()
                ),
                details,
            )
        return result(
            code,
            PASS,
            lambda: (
                _(
                    "Les dépenses de communication (%(spent)s) respectent le plafond de %(rate)s "
                    "des dépenses éligibles (%(cap)s)."
                )
                % amounts()
            ),
            details,
        )
    return result(
        code,
        FAIL,
        lambda: (
            _(
                "Les dépenses de communication (%(spent)s) dépassent le plafond de l'appel : %(rate)s des dépenses "
                "éligibles, soit %(cap)s pour %(expenses)s de dépenses. Réduisez-les de %(excess)s."
            )
            % amounts()
        ),
        details,
        "#budget",
    )


# Schedule ------------------------------------------------------------------------------------------


def check_start(start_on, rules: CallRules, filed_at: dt.datetime) -> RuleResult:
    """The project starts on or after the filing day (in Paris), or the wave's opening day, as the call says."""
    code = "schedule.start"
    mode = rules.project_start
    if mode == ProjectStart.ANY:
        return result(
            code,
            NOT_APPLICABLE,
            lambda: _("L'appel ne fixe pas de date à partir de laquelle le projet peut commencer."),
            {"from": str(mode)},
        )
    if mode == ProjectStart.WAVE_OPENING:
        if rules.wave_opens_at is None:
            return result(
                code,
                NOT_APPLICABLE,
                lambda: _("Aucune vague n'est indiquée : la date de début du projet n'est pas vérifiée."),
                {"from": str(mode)},
            )
        earliest = rules.wave_opens_at.astimezone(fmt.PARIS).date()
        since = _("l'ouverture de la vague")
    else:
        earliest = filed_at.astimezone(fmt.PARIS).date()
        since = _("le dépôt du dossier")
    details = {
        "from": str(mode),
        "earliest_on": earliest.isoformat(),
        "start_on": start_on.isoformat() if start_on else None,
    }
    if start_on is None:
        return result(
            code,
            FAIL,
            lambda: (
                _("Indiquez la date de début du projet : il ne peut pas commencer avant %(since)s (le %(earliest)s).")
                % {"since": since, "earliest": fmt.day(earliest)}
            ),
            details,
            "#calendrier",
        )
    if start_on < earliest:
        return result(
            code,
            FAIL,
            lambda: (
                _(
                    "Le projet commence le %(start)s : il ne peut pas commencer avant %(since)s (le %(earliest)s). "
                    "Reportez sa date de début."
                )
                % {"start": fmt.day(start_on), "since": since, "earliest": fmt.day(earliest)}
            ),
            details,
            "#calendrier",
        )
    return result(
        code,
        PASS,
        lambda: (
            _("Le projet commence le %(start)s, pas avant %(since)s (le %(earliest)s).")
            % {"start": fmt.day(start_on), "since": since, "earliest": fmt.day(earliest)}
        ),
        details,
    )


def check_duration(start_on, end_on, rules: CallRules) -> RuleResult:
    code = "schedule.duration"
    low, high = rules.duration_min_months, rules.duration_max_months
    if start_on is None or end_on is None:
        return result(
            code,
            FAIL,
            lambda: (
                _("Indiquez les dates de début et de fin du projet : sa durée doit être de %(low)s à %(high)s mois.")
                % {"low": low, "high": high}
            ),
            {"min_months": low, "max_months": high},
            "#calendrier",
        )
    if end_on < start_on:
        return result(
            code,
            FAIL,
            lambda: (
                _("La date de fin (%(end)s) précède la date de début (%(start)s) : corrigez les dates du projet.")
                % {"end": fmt.day(end_on), "start": fmt.day(start_on)}
            ),
            {"min_months": low, "max_months": high, "start_on": start_on.isoformat(), "end_on": end_on.isoformat()},
            "#calendrier",
        )
    months, days = duration(start_on, end_on)
    details = {
        "min_months": low,
        "max_months": high,
        "start_on": start_on.isoformat(),
        "end_on": end_on.isoformat(),
        "months": months,
        "days": days,
    }

    def values():
        length = (
            ngettext("%(months)s mois et %(days)s jour", "%(months)s mois et %(days)s jours", days)
            if days
            else _("%(months)s mois")
        ) % {"months": months, "days": days}
        return {"length": length, "low": low, "high": high}

    if months < low or months > high or (months == high and days):
        return result(
            code,
            FAIL,
            lambda: (
                _("Le projet dure %(length)s : sa durée doit être comprise entre %(low)s et %(high)s mois.") % values()
            ),
            details,
            "#calendrier",
        )
    return result(code, PASS, lambda: _("Le projet dure %(length)s (de %(low)s à %(high)s mois).") % values(), details)


def check_end(end_on, rules: CallRules) -> RuleResult:
    code = "schedule.end"
    limit = rules.programme_ends_on
    if end_on is None:
        return result(
            code,
            FAIL,
            lambda: (
                _("Indiquez la date de fin du projet : il doit s'achever au plus tard le %(limit)s.")
                % {"limit": fmt.day(limit)}
            ),
            {"programme_ends_on": fmt.iso(limit), "end_on": None},
            "#calendrier",
        )
    details = {"programme_ends_on": fmt.iso(limit), "end_on": end_on.isoformat()}
    if end_on > limit:
        return result(
            code,
            FAIL,
            lambda: (
                _(
                    "Le projet se termine le %(end)s, après la fin du programme : "
                    "il doit s'achever au plus tard le %(limit)s."
                )
                % {"end": fmt.day(end_on), "limit": fmt.day(limit)}
            ),
            details,
            "#calendrier",
        )
    return result(
        code,
        PASS,
        lambda: (
            _("Le projet se termine le %(end)s, avant la fin du programme (%(limit)s).")
            % {"end": fmt.day(end_on), "limit": fmt.day(limit)}
        ),
        details,
    )


# Documents and state aid ---------------------------------------------------------------------------


def check_documents(counted, members, check: bool) -> RuleResult:
    code = "documents.complete"
    if not check:
        return result(
            code, NOT_APPLICABLE, lambda: _("Les pièces justificatives seront vérifiées dans le dossier complet.")
        )
    missing = {display_name(m, members): list(m.missing_documents) for m in counted if m.missing_documents}
    details = {"missing": missing}
    if not missing:
        return result(code, PASS, lambda: _("Chaque membre compté a fourni ses pièces justificatives."), details)

    def render():
        parts = [
            _("%(member)s : %(documents)s")
            % {"member": fmt.quoted_list([name]), "documents": fmt.quoted_list(documents)}
            for name, documents in missing.items()
        ]
        return _("Des pièces justificatives manquent. %(parts)s. Déposez-les dans la partie « Documents ».") % {
            "parts": " ; ".join(parts)
        }

    return result(code, FAIL, render, details, "#documents")


def check_de_minimis(members, grant: Decimal, rules: CallRules) -> RuleResult:
    code = "state_aid.de_minimis"
    ceiling = rules.de_minimis_ceiling
    over = []
    for member in members:
        share = member.grant_share * grant
        total = member.de_minimis_received + share
        if total > ceiling:
            over.append(
                {
                    "member": display_name(member, members),
                    "received": fmt.number(member.de_minimis_received),
                    "share": fmt.number(share),
                    "total": fmt.number(total),
                }
            )
    details = {"ceiling": fmt.number(ceiling), "over": over}
    if not over:
        return result(
            code,
            PASS,
            lambda: (
                _("Aucun membre ne dépasse le plafond des aides de minimis (%(ceiling)s sur 3 ans).")
                % {"ceiling": fmt.euros(ceiling)}
            ),
            details,
        )

    def render():
        parts = [
            _("%(member)s (%(received)s déjà reçus + %(share)s de cette subvention = %(total)s)")
            % {
                "member": fmt.quoted_list([item["member"]]),
                "received": fmt.euros(item["received"]),
                "share": fmt.euros(item["share"]),
                "total": fmt.euros(item["total"]),
            }
            for item in over
        ]
        return _(
            "Plafond des aides de minimis (%(ceiling)s sur 3 ans) dépassé pour %(members)s. "
            "L'instruction vérifiera le régime d'aide applicable."
        ) % {"ceiling": fmt.euros(ceiling), "members": " ; ".join(parts)}

    return result(code, WARNING, render, details, "#minimis")
