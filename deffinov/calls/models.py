import datetime as dt
import secrets
from decimal import Decimal
from pathlib import PurePosixPath
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property

from deffinov.calls.coherence import call_errors, wave_errors
from deffinov.calls.validators import signature_path, validate_signature_image
from deffinov.eligibility.facts import ProjectStart as ProjectStartRule
from deffinov.organisations.kinds import Kind

PARIS = ZoneInfo("Europe/Paris")


class ProjectStart(models.TextChoices):
    """From when a project may start; the values are the engine's (`schedule.start`)."""

    SUBMISSION = ProjectStartRule.SUBMISSION.value, "À partir du dépôt du dossier"
    WAVE_OPENING = ProjectStartRule.WAVE_OPENING.value, "À partir de l'ouverture de la vague"
    ANY = ProjectStartRule.ANY.value, "Sans contrainte"


def end_of_day_in_paris(day):
    """A closing *date* means the end of that day, 23:59:59 Paris time."""
    return dt.datetime.combine(day, dt.time(23, 59, 59), tzinfo=PARIS)


def start_of_day_in_paris(day):
    return dt.datetime.combine(day, dt.time(0, 0, 0), tzinfo=PARIS)


class CallQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def with_waves(self):
        return self.prefetch_related("waves")

    def with_rules(self):
        """The rules, criteria and waves (what the API and the eligibility engine read)."""
        return self.prefetch_related("waves", "tiers_lieu_criteria", "eligible_departments")

    def with_everything(self):
        """Everything the call page and the API show, in a constant number of queries."""
        return self.prefetch_related("waves", "events", "resources", "tiers_lieu_criteria", "eligible_departments")


class Call(models.Model):
    """A call for projects, with every rule of the call stored as data."""

    slug = models.SlugField("identifiant", unique=True)
    title = models.CharField("titre", max_length=255)
    short_title = models.CharField("titre court", max_length=80)
    summary = models.TextField("résumé")
    objectives = models.TextField("objectifs", help_text="Un objectif par ligne.")
    who_may_apply = models.TextField("qui peut candidater", help_text="Un paragraphe par ligne.")
    funder = models.CharField("financeur", max_length=150, default="Région Normandie")
    is_published = models.BooleanField("publié", default=True)

    # Money.
    grant_min = models.DecimalField(
        "subvention minimale (€)",
        max_digits=12,
        decimal_places=2,
        default=Decimal(50_000),
        help_text="En dessous, la demande reçoit un avertissement et est examinée au cas par cas.",
    )
    grant_max = models.DecimalField(
        "subvention maximale (€)", max_digits=12, decimal_places=2, default=Decimal(200_000)
    )
    cofinancing_floor = models.DecimalField(
        "taux de cofinancement minimal",
        max_digits=4,
        decimal_places=3,
        default=Decimal("0.30"),
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text="Part du budget éligible non couverte par la subvention, par exemple 0,30 pour 30 %.",
    )
    cofinancing_floor_exception = models.DecimalField(
        "taux de cofinancement minimal par dérogation du comité",
        max_digits=4,
        decimal_places=3,
        default=Decimal("0.20"),
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text="Taux plancher que le comité de sélection peut accorder à titre exceptionnel, par exemple 0,20.",
    )
    communication_cap_rate = models.DecimalField(
        "plafond des dépenses de communication (part du budget)",
        max_digits=4,
        decimal_places=3,
        default=Decimal("0.10"),
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text="Part maximale du budget éligible consacrée à la communication, par exemple 0,10 pour 10 %.",
    )
    de_minimis_ceiling = models.DecimalField(
        "plafond des aides de minimis sur 3 ans (€)", max_digits=12, decimal_places=2, default=Decimal(300_000)
    )
    # Duration.
    duration_min_months = models.PositiveSmallIntegerField("durée minimale (mois)", default=12)
    duration_max_months = models.PositiveSmallIntegerField("durée maximale (mois)", default=36)
    programme_ends_on = models.DateField(
        "fin du programme",
        default=dt.date(2026, 12, 31),
        help_text="Les projets doivent s'achever au plus tard ce jour (sauf date propre à une vague).",
    )
    project_start = models.CharField(
        "début des projets au plus tôt",
        max_length=20,
        choices=ProjectStart.choices,
        default=ProjectStart.SUBMISSION,
        help_text="Date avant laquelle un projet ne peut pas commencer.",
    )
    # Territory.
    eligible_departments = models.ManyToManyField(
        "territories.Department", related_name="calls", verbose_name="départements éligibles"
    )
    # Composition.
    min_tiers_lieu_members = models.PositiveSmallIntegerField("nombre minimal de tiers-lieux", default=1)
    min_training_members = models.PositiveSmallIntegerField("nombre minimal d'acteurs de la formation", default=1)
    min_distinct_members = models.PositiveSmallIntegerField(
        "nombre minimal de membres distincts (SIREN différents)", default=2
    )
    seniority_months = models.PositiveSmallIntegerField(
        "ancienneté minimale des membres (mois)",
        default=12,
        help_text="Comptée à la date de dépôt ; pour un tiers-lieu, depuis l'ouverture du lieu.",
    )

    # Decision letters.
    signatory_name = models.CharField(
        "nom du signataire des lettres de décision",
        max_length=150,
        blank=True,
        help_text="Prénom et nom, tels qu'ils figurent au bas des lettres de décision.",
    )
    signatory_title = models.CharField(
        "qualité du signataire",
        max_length=200,
        blank=True,
        help_text="Par exemple « Président de la Région Normandie ».",
    )
    signatory_image = models.FileField(
        "image de la signature",
        upload_to=signature_path,
        max_length=200,
        blank=True,
        validators=[validate_signature_image],
        help_text="Facultative. PNG ou JPEG, 2 Mo au plus ; reproduite au bas des lettres de décision.",
    )

    # Raised on every change of the call or of what hangs from it (see signals.py): cached pages key on it.
    version = models.PositiveIntegerField("version", default=0, editable=False)

    objects = CallQuerySet.as_manager()

    class Meta:
        verbose_name = "appel à projets"
        verbose_name_plural = "appels à projets"
        ordering = ["-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(grant_min__gte=0), name="call_grant_min_positive"),
            models.CheckConstraint(condition=Q(grant_max__gte=F("grant_min")), name="call_grant_range_ordered"),
            models.CheckConstraint(
                condition=Q(duration_max_months__gte=F("duration_min_months")), name="call_duration_range_ordered"
            ),
        ]

    def __str__(self):
        return self.short_title

    def get_absolute_url(self):
        return reverse("calls:detail", args=[self.slug])

    def clean(self):
        errors = call_errors(self)
        if errors:
            raise ValidationError(errors)

    @classmethod
    def bump_version(cls, call_id):
        cls.objects.filter(pk=call_id).update(version=F("version") + 1)

    def objective_list(self):
        return [line.strip() for line in self.objectives.splitlines() if line.strip()]

    def who_may_apply_list(self):
        return [line.strip() for line in self.who_may_apply.splitlines() if line.strip()]

    def current_wave(self, at=None):
        """The open wave (a real one before a demonstration one), else the next one, else the latest."""
        at = at or timezone.now()
        waves = list(self.waves.all())
        open_waves = sorted((wave for wave in waves if wave.is_open(at)), key=lambda wave: wave.is_demo)
        if open_waves:
            return open_waves[0]
        upcoming = [wave for wave in waves if wave.opens_at > at]
        if upcoming:
            return min(upcoming, key=lambda wave: wave.opens_at)
        return max(waves, key=lambda wave: wave.closes_at, default=None)

    def eligible_department_codes(self):
        return sorted(department.code for department in self.eligible_departments.all())

    @cached_property
    def all_budget_categories(self):
        """Every budget category of the call, active or not, in order; read once per call object."""
        return list(self.budget_categories.all())

    @cached_property
    def all_document_requirements(self):
        """Every document requirement of the call, active or not, in order; read once per call object."""
        return list(self.document_requirements.all())

    def budget_category_label(self, code):
        """The label of a category code stored in a dossier (the code itself if the call lost it)."""
        return next((category.label for category in self.all_budget_categories if category.code == code), code)

    def document_label(self, code):
        """The label of a document kind stored in a dossier (the code itself if the call lost it)."""
        if code == OTHER_DOCUMENT:
            return OTHER_DOCUMENT_LABEL
        return next(
            (requirement.label for requirement in self.all_document_requirements if requirement.code == code), code
        )

    def add_default_form(self):
        """Give a call without budget categories or document requirements the usual ones, to edit."""
        if not self.budget_categories.exists():
            BudgetCategory.objects.bulk_create(
                BudgetCategory(call=self, code=code, label=label, is_communication=communication, position=position)
                for position, (code, label, communication) in enumerate(DEFAULT_BUDGET_CATEGORIES, start=1)
            )
        if not self.document_requirements.exists():
            DocumentRequirement.objects.bulk_create(
                DocumentRequirement(call=self, code=code, label=label, provider=provider, position=position)
                for position, (code, label, provider) in enumerate(DEFAULT_DOCUMENT_REQUIREMENTS, start=1)
            )
        self.__dict__.pop("all_budget_categories", None)
        self.__dict__.pop("all_document_requirements", None)

    def official_resources(self):
        return [resource for resource in self.resources.all() if resource.kind == Resource.Kind.OFFICIAL]

    def further_resources(self):
        return [resource for resource in self.resources.all() if resource.kind == Resource.Kind.FURTHER]


class TiersLieuCriterion(models.Model):
    """One of the criteria a tiers-lieu declares, with a justification, to count as such."""

    call = models.ForeignKey(
        Call, on_delete=models.CASCADE, related_name="tiers_lieu_criteria", verbose_name="appel à projets"
    )
    code = models.SlugField(
        "code", max_length=50, help_text="Code stable utilisé par les dossiers et l'API, par exemple « communaute »."
    )
    label = models.CharField("libellé", max_length=200)
    help_text = models.TextField(
        "aide", blank=True, help_text="Ce que le tiers-lieu doit décrire pour justifier ce critère."
    )
    position = models.PositiveSmallIntegerField("ordre", default=0)

    class Meta:
        verbose_name = "critère tiers-lieu"
        verbose_name_plural = "critères tiers-lieu"
        ordering = ["call", "position", "pk"]
        constraints = [models.UniqueConstraint(fields=["call", "code"], name="criterion_code_unique_per_call")]

    def __str__(self):
        return self.label


def window_status(opens_at, closes_at, at=None):
    """Upcoming, open or closed at `at` (now by default), to the second: open through closes_at's last second."""
    at = (at or timezone.now()).replace(microsecond=0)
    if at < opens_at:
        return Wave.Status.UPCOMING
    if at <= closes_at:
        return Wave.Status.OPEN
    return Wave.Status.CLOSED


class WaveQuerySet(models.QuerySet):
    def open_at(self, at=None):
        at = (at or timezone.now()).replace(microsecond=0)
        return self.filter(opens_at__lte=at, closes_at__gte=at)

    def real(self):
        return self.filter(is_demo=False)


class Wave(models.Model):
    class Status(models.TextChoices):
        UPCOMING = "upcoming", "À venir"
        OPEN = "open", "Ouverte"
        CLOSED = "closed", "Clôturée"

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="waves", verbose_name="appel à projets")
    number = models.PositiveSmallIntegerField("numéro")
    slug = models.SlugField("identifiant", unique=True)
    title = models.CharField("titre", max_length=200)
    opens_at = models.DateTimeField("ouverture")
    closes_at = models.DateTimeField(
        "clôture", help_text="Heure de Paris. Une date de clôture s'entend jusqu'à 23 h 59 min 59 s ce jour-là."
    )
    envelope = models.DecimalField(
        "enveloppe (€)",
        max_digits=12,
        decimal_places=2,
        default=0,
        help_text="Montant des subventions que le comité peut attribuer au titre de cette vague.",
    )
    envelope_note = models.CharField(
        "précision sur l'enveloppe",
        max_length=255,
        blank=True,
        help_text="Affichée à côté du montant, par exemple « montant indicatif ».",
    )
    committee_on = models.DateField("comité de sélection", null=True, blank=True)
    committee_note = models.CharField("précision sur le comité", max_length=200, blank=True)
    laureates_count = models.PositiveSmallIntegerField("nombre de lauréats", null=True, blank=True)
    is_demo = models.BooleanField(
        "vague de démonstration", default=False, help_text="Vague fictive, pour essayer la plateforme."
    )
    projects_end_on = models.DateField(
        "fin des projets de la vague",
        null=True,
        blank=True,
        help_text="Vide : la fin du programme de l'appel. Sinon, les projets de cette vague "
        "doivent s'achever au plus tard ce jour.",
    )

    objects = WaveQuerySet.as_manager()

    class Meta:
        verbose_name = "vague"
        ordering = ["call", "opens_at"]
        constraints = [
            models.UniqueConstraint(fields=["call", "number"], name="wave_number_unique_per_call"),
            models.CheckConstraint(condition=Q(closes_at__gt=F("opens_at")), name="wave_closes_after_opening"),
            models.CheckConstraint(condition=Q(envelope__gte=0), name="wave_envelope_positive"),
        ]

    def __str__(self):
        return f"{self.call.short_title} – {self.title}"

    def clean(self):
        errors = wave_errors(self, getattr(self, "call", None))
        if errors:
            raise ValidationError(errors)

    def is_open(self, at=None):
        return self.status(at) == self.Status.OPEN

    @property
    def ends_projects_on(self):
        """The day this wave's projects must end by: its own date, else the programme's end."""
        return self.projects_end_on or self.call.programme_ends_on

    def status(self, at=None):
        return window_status(self.opens_at, self.closes_at, at)

    def get_status_display(self):
        return self.Status(self.status()).label

    @property
    def closes_on(self):
        """The closing day, in Paris."""
        return self.closes_at.astimezone(PARIS).date()

    def days_left(self, at=None):
        """Whole days between today and the closing day in Paris (0 on the closing day); None unless open."""
        at = at or timezone.now()
        if not self.is_open(at):
            return None
        return (self.closes_on - at.astimezone(PARIS).date()).days


REPLAY_HOSTS = {"youtu.be": "YouTube", "youtube.com": "YouTube", "vimeo.com": "Vimeo", "dailymotion.com": "Dailymotion"}


class Event(models.Model):
    """An animation event of the call: launch day, webinars, with replays."""

    class Kind(models.TextChoices):
        DAY = "day", "Journée"
        WEBINAR = "webinar", "Webinaire"

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="events", verbose_name="appel à projets")
    title = models.CharField(
        "titre",
        max_length=200,
        help_text="Par exemple « Webinaire de présentation » : il complète « Voir le replay du… ».",
    )
    kind = models.CharField("type", max_length=30, choices=Kind.choices)
    happens_on = models.DateField("date")
    description = models.TextField("description", blank=True)
    replay_url = models.URLField("lien du replay", blank=True, help_text="Vidéo ou document de restitution.")

    class Meta:
        verbose_name = "événement"
        ordering = ["call", "happens_on", "pk"]

    def __str__(self):
        return self.title

    @property
    def replay_host(self):
        """Where the replay is hosted, said in the link's accessible name."""
        host = (urlsplit(self.replay_url).hostname or "").removeprefix("www.")
        return REPLAY_HOSTS.get(host, host)


class Resource(models.Model):
    """A document or a link published with the call."""

    class Kind(models.TextChoices):
        OFFICIAL = "official", "Document de l'appel"
        FURTHER = "further", "Pour aller plus loin"

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="resources", verbose_name="appel à projets")
    kind = models.CharField("type", max_length=20, choices=Kind.choices)
    title = models.CharField("titre", max_length=255)
    url = models.URLField("adresse")
    file_format = models.CharField("format", max_length=20, blank=True, help_text="Par exemple « PDF ».")
    description = models.CharField("description", max_length=255, blank=True)
    position = models.PositiveSmallIntegerField("ordre", default=0)

    class Meta:
        verbose_name = "document ou ressource"
        verbose_name_plural = "documents et ressources"
        ordering = ["call", "kind", "position"]

    def __str__(self):
        return self.title


# What a new call starts with (and what every call had before these were data): code, label, is_communication.
DEFAULT_BUDGET_CATEGORIES = (
    ("personnel", "Personnel", False),
    ("equipement_pedagogique", "Équipement pédagogique", False),
    ("amenagement_leger", "Aménagement léger", False),
    ("prestations", "Prestations", False),
    ("communication", "Communication", True),
    ("deplacements", "Déplacements", False),
    ("frais_structure", "Frais de structure", False),
    ("autre", "Autre", False),
)


class BudgetCategory(models.Model):
    """A category of expense an applicant chooses for each budget line; dossiers store its code."""

    call = models.ForeignKey(
        Call, on_delete=models.CASCADE, related_name="budget_categories", verbose_name="appel à projets"
    )
    code = models.SlugField(
        "code",
        max_length=30,
        help_text="Code stable enregistré dans les dossiers, par exemple « ingenierie_pedagogique ». "
        "Il ne peut plus changer dès qu'un dossier l'utilise.",
    )
    label = models.CharField("libellé", max_length=100)
    help_text = models.CharField("aide", max_length=255, blank=True)
    position = models.PositiveSmallIntegerField("ordre", default=0)
    is_communication = models.BooleanField(
        "dépense de communication",
        default=False,
        help_text="Comptée dans le plafond des dépenses de communication (règle budget.communication_cap). "
        "Si aucune catégorie n'est cochée, les dossiers n'ont aucune dépense de communication.",
    )
    is_active = models.BooleanField(
        "proposée",
        default=True,
        help_text="Décochez pour ne plus la proposer : les lignes déjà saisies la gardent.",
    )

    class Meta:
        verbose_name = "catégorie de dépense"
        verbose_name_plural = "catégories de dépense"
        ordering = ["call", "position", "pk"]
        constraints = [models.UniqueConstraint(fields=["call", "code"], name="budget_category_code_unique_per_call")]

    def __str__(self):
        return self.label


class Provider(models.TextChoices):
    """Who provides a required document."""

    DOSSIER = "dossier", "Le dossier, une fois (déposé par le chef de file)"
    ALL_MEMBERS = "all", "Chaque structure du dossier (membres et partenaires associés)"
    COUNTED_MEMBERS = "counted", "Chaque membre compté (chef de file compris)"
    LEAD = "lead", "Le chef de file"
    ASSOCIATED_PARTNERS = "associated", "Chaque partenaire associé"
    ORGANISATION_KIND = "kind", "Les membres comptés d'un type de structure"
    QUALIOPI_MEMBERS = "qualiopi", "Les membres comptés certifiés Qualiopi"


# The generic kind of any other document a member adds; no requirement may take its code.
OTHER_DOCUMENT = "autre"
OTHER_DOCUMENT_LABEL = "Autre document"
# What a new call starts with (and what every call had before these were data): code, label, provider.
DEFAULT_DOCUMENT_REQUIREMENTS = (
    ("statuts", "Statuts", Provider.COUNTED_MEMBERS),
    ("sirene_kbis", "Avis de situation SIRENE ou extrait Kbis", Provider.COUNTED_MEMBERS),
    ("engagement", "Lettre d'engagement signée", Provider.ALL_MEMBERS),
    ("de_minimis", "Déclaration des aides de minimis", Provider.COUNTED_MEMBERS),
    ("rib", "RIB", Provider.LEAD),
    ("qualiopi", "Certificat Qualiopi", Provider.QUALIOPI_MEMBERS),
)


# The platform's own templates of two usual documents, offered while the call uploads none of its own.
BUILT_IN_TEMPLATES = {
    "engagement": "applications/modeles/lettre-d-engagement.odt",
    "de_minimis": "applications/modeles/declaration-de-minimis.odt",
}


def template_path(instance, filename):
    return f"modeles/{secrets.token_hex(16)}{PurePosixPath(filename).suffix.lower()}"


class DocumentRequirement(models.Model):
    """A document the call asks for, from the dossier or from some of its members; dossiers store its code."""

    call = models.ForeignKey(
        Call, on_delete=models.CASCADE, related_name="document_requirements", verbose_name="appel à projets"
    )
    code = models.SlugField(
        "code",
        max_length=20,
        help_text="Code stable enregistré avec chaque pièce déposée, par exemple « urssaf ». "
        "Il ne peut plus changer dès qu'une pièce l'utilise.",
    )
    label = models.CharField("libellé", max_length=100)
    help_text = models.CharField("aide", max_length=255, blank=True)
    provider = models.CharField("à fournir par", max_length=20, choices=Provider.choices)
    organisation_kind = models.CharField(
        "type de structure",
        max_length=30,
        choices=Kind.choices,
        blank=True,
        help_text="Seulement pour « Les membres comptés d'un type de structure ».",
    )
    template = models.FileField(
        "modèle à télécharger",
        upload_to=template_path,
        max_length=200,
        blank=True,
        help_text="Facultatif : un document à compléter (PDF, ODT, DOCX), proposé à côté de la pièce.",
    )
    is_required = models.BooleanField(
        "obligatoire", default=True, help_text="Une pièce obligatoire manquante empêche le dépôt du dossier."
    )
    position = models.PositiveSmallIntegerField("ordre", default=0)
    is_active = models.BooleanField(
        "demandée",
        default=True,
        help_text="Décochez pour ne plus la demander : les pièces déjà déposées restent lisibles.",
    )

    class Meta:
        verbose_name = "pièce demandée"
        verbose_name_plural = "pièces demandées"
        ordering = ["call", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["call", "code"], name="document_requirement_code_unique_per_call"),
            models.CheckConstraint(
                condition=Q(provider="kind", organisation_kind__gt="")
                | (~Q(provider="kind") & Q(organisation_kind="")),
                name="document_requirement_kind_with_provider",
            ),
        ]

    def __str__(self):
        return self.label

    def clean(self):
        errors = {}
        if self.code == OTHER_DOCUMENT:
            errors["code"] = f"Le code « {OTHER_DOCUMENT} » est réservé aux autres documents déposés librement."
        if self.provider == Provider.ORGANISATION_KIND and not self.organisation_kind:
            errors["organisation_kind"] = "Choisissez le type de structure dont les membres fournissent cette pièce."
        if self.provider != Provider.ORGANISATION_KIND and self.organisation_kind:
            errors["organisation_kind"] = (
                "Un type de structure ne se précise que pour « Les membres comptés d'un type de structure »."
            )
        if errors:
            raise ValidationError(errors)

    def template_url(self):
        """Where applicants download the template to fill in: the one uploaded here, else the platform's own."""
        if self.template:
            return reverse("calls:requirement_template", args=[self.call.slug, self.code])
        if self.code in BUILT_IN_TEMPLATES:
            return static(BUILT_IN_TEMPLATES[self.code])
        return ""

    def template_format(self):
        name = self.template.name if self.template else BUILT_IN_TEMPLATES.get(self.code, "")
        return PurePosixPath(name).suffix.lstrip(".").upper()

    def applies_to(self, participation):
        """Whether `participation` (an accepted member of a dossier of this call) must provide this document."""
        organisation = participation.organisation
        if self.provider == Provider.ALL_MEMBERS:
            return True
        if self.provider == Provider.ASSOCIATED_PARTNERS:
            return not participation.counted
        if not participation.counted:
            return False
        if self.provider in (Provider.DOSSIER, Provider.LEAD):
            return participation.is_lead
        if self.provider == Provider.ORGANISATION_KIND:
            return self.organisation_kind in (organisation.kinds or [])
        if self.provider == Provider.QUALIOPI_MEMBERS:
            return organisation.qualiopi
        return True
