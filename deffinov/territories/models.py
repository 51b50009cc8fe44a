from django.db import connections, models
from django.db.models import Case, Q, Value, When

from deffinov.territories.articles import of_department
from deffinov.utils.text import normalize_search


class Region(models.Model):
    code = models.CharField("code INSEE", max_length=3, primary_key=True)
    name = models.CharField("nom", max_length=100)

    class Meta:
        verbose_name = "région"
        ordering = ["code"]

    def __str__(self):
        return self.name


class Department(models.Model):
    code = models.CharField("code INSEE", max_length=3, primary_key=True)
    name = models.CharField("nom", max_length=100)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="departments", verbose_name="région")

    class Meta:
        verbose_name = "département"
        ordering = ["code"]

    def __str__(self):
        return f"{self.name} ({self.code})"

    @property
    def of_name(self):
        """« de l'Eure », « du Calvados », « de la Manche »: the name after « de », elided and agreed."""
        return of_department(self.code, self.name)


class EPCI(models.Model):
    siren = models.CharField("SIREN", max_length=9, primary_key=True)
    name = models.CharField("nom", max_length=200)

    class Meta:
        verbose_name = "EPCI"
        verbose_name_plural = "EPCI"
        ordering = ["name"]

    def __str__(self):
        return self.name


class CommuneQuerySet(models.QuerySet):
    def search(self, query, postcode="", preferred=None):
        """Communes whose name starts with the query, or one of whose postcodes does.

        `postcode`, the beginning of a postcode typed beside the commune, keeps only the communes having one
        that starts so. `preferred`, département codes, ranks their communes first (by default the départements
        of the calls: « Vire » is Vire Normandie in Calvados before Viré in Saône-et-Loire)."""
        query = (query or "").strip()
        postcode = "".join((postcode or "").split())
        communes = self
        if postcode.isdigit():
            communes = communes.filter(self._has_postcode_starting(postcode))
        preferred_first = self._preferred_first(preferred)
        if query.isdigit():
            return communes.filter(self._has_postcode_starting(query)).order_by(preferred_first, "-population", "name")
        name = normalize_search(query)
        if not name:
            return self.none()
        # The commune named exactly so first (Saint-Lô before the larger Saint-Louis), then the most populated.
        exact_first = Case(When(search_name=name, then=Value(0)), default=Value(1))
        return communes.filter(self._starts_with("search_name", name)).order_by(
            preferred_first, exact_first, "-population", "name"
        )

    def autocomplete(self, query, limit, postcode="", preferred=None):
        """The first `limit` matches with their département, in one query; the matches are ranked before the
        join, since thousands of them may match ("saint")."""
        matches = self.search(query, postcode, preferred)
        return matches.filter(pk__in=matches.values("pk")[:limit]).select_related("department")

    def _has_postcode_starting(self, prefix):
        # First postcode by the index on postcodes; the others by the partial index on multi-postcode communes.
        other_postcode = Q(postcodes__contains=" ") & Q(postcodes__contains=f" {prefix}")
        return self._starts_with("postcodes", prefix) | other_postcode

    @staticmethod
    def _preferred_first(preferred):
        if preferred is None:
            preferred = Department.objects.filter(calls__isnull=False).values("pk")
        elif not preferred:
            return Value(0)
        return Case(When(department_id__in=preferred, then=Value(0)), default=Value(1))

    def _starts_with(self, field, prefix):
        condition = Q(**{f"{field}__startswith": prefix})
        if connections[self.db].vendor == "sqlite":
            # SQLite's LIKE cannot use an index (it ignores case and has an ESCAPE clause); the same range can.
            condition &= Q(**{f"{field}__gte": prefix, f"{field}__lt": prefix + "\uffff"})
        return condition

    def with_postcode(self, postcode):
        """Communes that have exactly this postcode among theirs."""
        return self.filter(
            Q(postcodes=postcode)
            | Q(postcodes__startswith=f"{postcode} ")
            | Q(postcodes__endswith=f" {postcode}")
            | Q(postcodes__contains=f" {postcode} ")
        )


class Commune(models.Model):
    code = models.CharField("code INSEE", max_length=5, primary_key=True)
    name = models.CharField("nom", max_length=150)
    search_name = models.CharField(max_length=150, editable=False)
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="communes", verbose_name="département"
    )
    epci = models.ForeignKey(
        EPCI, on_delete=models.SET_NULL, null=True, blank=True, related_name="communes", verbose_name="EPCI"
    )
    # Space-separated, e.g. "14000 14100": a commune may have several postcodes.
    postcodes = models.CharField("codes postaux", max_length=200, blank=True)
    population = models.PositiveIntegerField("population", default=0)
    latitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)
    longitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)

    objects = CommuneQuerySet.as_manager()

    class Meta:
        verbose_name = "commune"
        ordering = ["name"]
        indexes = [
            models.Index(fields=["search_name"], name="commune_search_name", opclasses=["varchar_pattern_ops"]),
            models.Index(fields=["postcodes"], name="commune_postcodes", opclasses=["varchar_pattern_ops"]),
            # The few hundred communes with several postcodes, searched by their second and later ones.
            models.Index(
                fields=["postcodes"],
                name="commune_other_postcodes",
                opclasses=["varchar_pattern_ops"],
                condition=Q(postcodes__contains=" "),
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.department_id})"

    def save(self, *args, **kwargs):
        self.search_name = normalize_search(self.name)
        super().save(*args, **kwargs)

    @property
    def postcode_list(self):
        return self.postcodes.split()
