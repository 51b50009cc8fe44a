"""The eligibility API's request and response, described in French for the OpenAPI document."""

import datetime as dt
import re
from decimal import Decimal
from typing import Annotated, Literal

from ninja import Schema
from pydantic import AfterValidator, AwareDatetime, ConfigDict, Field, ValidationInfo, WithJsonSchema, field_validator

from deffinov.eligibility.facts import ApplicationFacts, BudgetFacts, MemberFacts
from deffinov.organisations.kinds import Kind

MAX_AMOUNT = Decimal(1_000_000_000)
# ASCII digits only: `\d` would also take Arabic-Indic or full-width digits.
SIREN_PATTERN = "^[0-9]{9}$"
DEPARTMENT_PATTERN = "^([0-9]{2}|2[AB]|97[0-9])$"
SIREN = re.compile(SIREN_PATTERN)
DEPARTMENT = re.compile(DEPARTMENT_PATTERN)
# Every date of a request lies in this window; beyond it, a typing mistake, and no rule can be computed.
EARLIEST_DATE = dt.date(1900, 1, 1)
LATEST_DATE = dt.date(2100, 12, 31)
DATE_WINDOW = "entre le 1er janvier 1900 et le 31 décembre 2100"
# The same window as a pattern on the ISO text, so that the OpenAPI document says it too.
DATE_PATTERN = "^(19[0-9]{2}|20[0-9]{2}|2100)-"


def department_code(value):
    if not DEPARTMENT.fullmatch(value):
        raise ValueError(f"« {value[:10]} » n'est pas un code de département (par exemple « 61 » ou « 2A »).")
    return value


DepartmentCode = Annotated[
    str, AfterValidator(department_code), WithJsonSchema({"type": "string", "pattern": DEPARTMENT_PATTERN})
]


def amount(description, default=Decimal(0)):
    return Field(
        default,
        ge=0,
        le=MAX_AMOUNT,
        allow_inf_nan=False,
        description=f"{description} De 0 à 1 000 000 000 €.",
    )


def in_window(value, info: ValidationInfo):
    """A date (or the day of an instant) between 1900 and 2100, else a French error naming the field."""
    if value is None:
        return value
    day = value.date() if isinstance(value, dt.datetime) else value
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        raise ValueError(f"« {info.field_name} » : la date doit être comprise {DATE_WINDOW}.")
    return value


def bounded_date(description):
    return Field(
        None, description=f"{description} Comprise {DATE_WINDOW}.", json_schema_extra={"pattern": DATE_PATTERN}
    )


class MemberIn(Schema):
    model_config = ConfigDict(extra="forbid")

    name: str = Field("", max_length=255, description="Nom de la structure (pour les messages).")
    siren: str = Field(
        description="SIREN de la structure : 9 chiffres. Deux membres au même SIREN sont une seule structure.",
        json_schema_extra={"pattern": SIREN_PATTERN},
    )
    kinds: list[Kind] = Field(
        min_length=1, max_length=len(Kind), description="Types de la structure (tiers_lieu, organisme_formation…)."
    )
    counted: bool = Field(True, description="Membre compté (true) ou partenaire associé non compté (false).")
    lead: bool = Field(False, description="Chef de file du collectif (un seul).")
    created_on: dt.date | None = bounded_date("Date de création de la structure (AAAA-MM-JJ).")
    place_opened_on: dt.date | None = bounded_date(
        "Pour un tiers-lieu : date d'ouverture du lieu, qui compte pour l'ancienneté."
    )
    tiers_lieu_criteria: dict[str, str] = Field(
        default_factory=dict,
        description="Critères tiers-lieu déclarés : code du critère → justification (une justification vide "
        "vaut non déclaré). Les codes sont ceux de l'appel (GET /api/v1/calls).",
    )
    de_minimis_received: Decimal = amount("Aides de minimis déjà reçues sur 3 ans, en euros.")
    grant_share: Decimal = Field(
        Decimal(0), ge=0, le=1, allow_inf_nan=False, description="Part de la subvention reçue par ce membre, de 0 à 1."
    )

    @field_validator("siren")
    @classmethod
    def siren_has_nine_digits(cls, value):
        if not SIREN.fullmatch(value):
            raise ValueError("Le SIREN compte exactement 9 chiffres (0 à 9), sans espace.")
        return value

    _dates_in_window = field_validator("created_on", "place_opened_on")(in_window)

    @field_validator("tiers_lieu_criteria")
    @classmethod
    def justifications_are_short(cls, value):
        if any(len(text) > 2000 for text in value.values()):
            raise ValueError("Chaque justification compte au plus 2 000 caractères.")
        return value


class BudgetIn(Schema):
    model_config = ConfigDict(extra="forbid")

    expenses: Decimal = amount("Total des dépenses éligibles, valorisations comprises, en euros.")
    requested_grant: Decimal = amount("Subvention demandée à la Région, en euros.")
    own_funds: Decimal = amount("Autofinancement, en euros.")
    other_public: Decimal = amount("Autres financements publics, en euros.")
    private: Decimal = amount("Financements privés, en euros.")
    in_kind: Decimal = amount("Valorisations (apports en nature : temps, locaux), en euros.")
    communication: Decimal = amount(
        "Dépenses de communication, en euros, comprises dans le total des dépenses éligibles "
        "(règle budget.communication_cap : au plus le plafond de l'appel, 10 % des dépenses éligibles en Normandie)."
    )


class EligibilityIn(Schema):
    """A consortium, real or imagined, to check against the call's rules."""

    model_config = ConfigDict(extra="forbid")

    wave: str | None = Field(
        None,
        max_length=50,
        description="Identifiant de la vague. Par défaut : la vague ouverte de l'appel publié, sinon la dernière.",
    )
    at: AwareDatetime | None = Field(
        None,
        description="Instant de l'évaluation, ISO 8601 avec décalage horaire (2024-03-11T23:59:59+01:00), "
        f"compris {DATE_WINDOW}. Par défaut : maintenant. C'est aussi la date de dépôt : le projet ne peut "
        "pas commencer avant ce jour, à l'heure de Paris (règle schedule.start).",
        json_schema_extra={"pattern": DATE_PATTERN},
    )
    members: list[MemberIn] = Field(max_length=30, description="Les membres du collectif et ses partenaires associés.")
    departements: list[DepartmentCode] = Field(
        max_length=120, description="Codes INSEE des départements des lieux d'activité du projet (par exemple « 61 »)."
    )
    budget: BudgetIn = Field(description="Le budget prévisionnel du projet.")
    start_on: dt.date | None = bounded_date("Début du projet (AAAA-MM-JJ).")
    end_on: dt.date | None = bounded_date("Fin du projet (AAAA-MM-JJ), incluse.")

    _dates_in_window = field_validator("at", "start_on", "end_on")(in_window)

    def to_facts(self) -> ApplicationFacts:
        return ApplicationFacts(
            members=tuple(
                MemberFacts(
                    name=member.name,
                    siren=member.siren,
                    kinds=frozenset(str(kind) for kind in member.kinds),
                    counted=member.counted,
                    lead=member.lead,
                    created_on=member.created_on,
                    place_opened_on=member.place_opened_on,
                    tiers_lieu_criteria=dict(member.tiers_lieu_criteria),
                    de_minimis_received=member.de_minimis_received,
                    grant_share=member.grant_share,
                )
                for member in self.members
            ),
            departements=frozenset(self.departements),
            budget=BudgetFacts(**self.budget.model_dump()),
            start_on=self.start_on,
            end_on=self.end_on,
        )


class RuleOut(Schema):
    code: str = Field(description="Code stable de la règle, par exemple « budget.cofinancing ».")
    status: Literal["pass", "warning", "fail", "not_applicable"] = Field(
        description="pass : respectée ; warning : à examiner ; fail : bloquante ; not_applicable : sans objet."
    )
    message: str = Field(description="Explication en français : ce qui ne va pas et comment y remédier.")
    details: dict = Field(description="Les nombres derrière le message (montants, taux, dates ISO).")


class EligibilityOut(Schema):
    eligible: bool = Field(description="Vrai quand aucune règle n'est bloquante.")
    wave: str | None = Field(description="Identifiant de la vague prise en compte.")
    rules: list[RuleOut] = Field(description="Une entrée par règle, toujours dans le même ordre.")


class ErrorDetail(Schema):
    loc: list[str | int] = Field(description="Chemin du champ en erreur dans le corps de la requête.")
    type: str
    msg: str = Field(description="Message en français.")


class ErrorOut(Schema):
    detail: list[ErrorDetail]
    message: str


class MessageOut(Schema):
    detail: str = Field(description="Message en français.")
