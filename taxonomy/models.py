"""Reference data shared by every catalogue: vocabularies, places, organisations, sources."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from catalogue.history import VersionedHistoricalRecords


class SlugManager(models.Manager):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Vocabulary(models.Model):
    """A controlled term: a slug (its code), a name and a description in both languages."""

    slug = models.SlugField(_("code"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = SlugManager()

    class Meta:
        abstract = True
        ordering = ["position", "slug"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)


class Theme(Vocabulary):
    # history: registered in translation.py, once the translated columns exist

    class Meta(Vocabulary.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")


class TargetGroup(Vocabulary):
    # history: registered in translation.py, once the translated columns exist

    class Meta(Vocabulary.Meta):
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")


class PlaceQuerySet(models.QuerySet):
    def with_descendants(self, places) -> set[int]:
        """Ids of the given places and of every place below them (regions hold municipalities…)."""
        ids = {place.pk if isinstance(place, Place) else int(place) for place in places}
        frontier = set(ids)
        while frontier:
            frontier = set(
                Place.objects.filter(parent_id__in=frontier)
                .exclude(pk__in=ids)
                .values_list("pk", flat=True)
            )
            ids |= frontier
        return ids

    def czech(self):
        return self.filter(
            pk__in=self.with_descendants(Place.objects.filter(code=Place.CZECHIA_CODE))
        )


class PlaceManager(models.Manager.from_queryset(PlaceQuerySet)):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Place(models.Model):
    """A country, a region, a municipality or a city district, with its official code."""

    CZECHIA_CODE = "CZ"

    class Kind(models.TextChoices):
        COUNTRY = "country", _("Country")
        REGION = "region", _("Region")
        MUNICIPALITY = "municipality", _("Municipality")
        DISTRICT = "district", _("City district")

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, db_index=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    code = models.CharField(
        _("official code"),
        max_length=20,
        blank=True,
        db_index=True,
        help_text=_("ISO 3166 for countries, CZ-NUTS for Czech regions, LAU or municipality code."),
    )

    objects = PlaceManager()
    # history: registered in translation.py, once the translated columns exist

    class Meta:
        verbose_name = _("place")
        verbose_name_plural = _("places")
        ordering = ["kind", "name"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)

    def get_absolute_url(self):
        return reverse("taxonomy:place", kwargs={"slug": self.slug})


class OrganisationQuerySet(models.QuerySet):
    def public(self):
        """Organisations shown on the public site: those tied to a published entry (lead,
        partner, administrator), and those tied to no entry at all (reference records).

        An organisation created for a draft, used only by entries that are not published,
        stays off the public site until an entry that uses it is published.
        """
        published, used = self._uses()
        return self.filter(published | ~used)

    def of_published_entries(self):
        """Only those tied to a published entry: what the sitemap lists."""
        published, _used = self._uses()
        return self.filter(published)

    def _uses(self):
        from catalogue.models import Status

        uses = (
            (self.model.led_projects, "status", "lead_organisation"),
            (self.model.partnerships, "project__status", "organisation"),
            (self.model.administered_instruments, "status", "administrator"),
        )
        published = models.Q()
        used = models.Q()
        for descriptor, status, link in uses:
            rows = descriptor.rel.related_model._base_manager.filter(
                **{link: models.OuterRef("pk")}
            )
            published |= models.Exists(rows.filter(**{status: Status.PUBLISHED}))
            used |= models.Exists(rows)
        return published, used


class OrganisationManager(SlugManager.from_queryset(OrganisationQuerySet)):
    pass


class Organisation(models.Model):
    class Kind(models.TextChoices):
        NGO = "ngo", _("Non-governmental organisation")
        MUNICIPALITY = "municipality", _("Municipality or city district")
        REGION = "region", _("Region")
        STATE = "state", _("Ministry or state body")
        EU = "eu", _("EU body")
        UNIVERSITY = "university", _("University or research institute")
        INTERNATIONAL = "international", _("International organisation")
        MIGRANT = "migrant", _("Migrant organisation")
        COMPANY = "company", _("Company")
        OTHER = "other", _("Other")

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=300)
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, db_index=True)
    place = models.ForeignKey(
        Place, verbose_name=_("seat"), null=True, blank=True, on_delete=models.SET_NULL
    )
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)

    objects = OrganisationManager()
    # history: registered in translation.py, once the translated columns exist

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def natural_key(self):
        return (self.slug,)

    def get_absolute_url(self):
        return reverse("taxonomy:organisation", kwargs={"slug": self.slug})


class Source(models.Model):
    """A citable document that entries draw their facts from."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=400)
    publisher = models.CharField(_("publisher"), max_length=300, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    url = models.URLField(_("URL"), max_length=500, blank=True)
    accessed = models.DateField(_("accessed"), null=True, blank=True)

    objects = SlugManager()
    history = VersionedHistoricalRecords()

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        ordering = ["-year", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(year__isnull=True) | models.Q(year__gte=1900, year__lte=2100),
                name="source_year_plausible",
            )
        ]

    def __str__(self):
        return f"{self.title} ({self.year})" if self.year else self.title

    def natural_key(self):
        return (self.slug,)


class ThesaurusEntry(models.Model):
    """A set of terms that officials, journalists and the law use for the same thing.

    Searching any of its terms also searches the others and the narrower terms;
    searching a narrower term searches only that term (it is more specific).
    Terms are written one per line, in Czech and in English; the search compares
    them word by word in any inflected form.
    """

    terms_cs = models.TextField(
        _("Czech terms"), help_text=_("One term per line; each finds the others.")
    )
    terms_en = models.TextField(
        _("English terms"), blank=True, help_text=_("One term per line; each finds the others.")
    )
    narrower_cs = models.TextField(
        _("narrower Czech terms"),
        blank=True,
        help_text=_(
            "One term per line; found when any term above is searched, "
            "but searching them does not find the terms above."
        ),
    )
    narrower_en = models.TextField(
        _("narrower English terms"),
        blank=True,
        help_text=_(
            "One term per line; found when any term above is searched, "
            "but searching them does not find the terms above."
        ),
    )
    note = models.CharField(
        _("note for editors"),
        max_length=300,
        blank=True,
        help_text=_("Which entries the set should reach, or where the terms come from."),
    )

    history = VersionedHistoricalRecords()

    class Meta:
        verbose_name = _("thesaurus entry")
        verbose_name_plural = _("thesaurus")
        ordering = ["terms_cs"]

    def __str__(self):
        return ", ".join(self.terms()[:3])

    @staticmethod
    def _lines(text: str) -> list[str]:
        return [line.strip() for line in (text or "").splitlines() if line.strip()]

    def terms(self) -> list[str]:
        return self._lines(self.terms_cs) + self._lines(self.terms_en)

    def narrower_terms(self) -> list[str]:
        return self._lines(self.narrower_cs) + self._lines(self.narrower_en)


class SearchTerm(models.Model):
    """A term of the search index: the vocabulary that typos are corrected against.

    Kept up to date when entries are saved, rebuilt with the whole index.
    """

    class Kind(models.TextChoices):
        WORD = "word", _("Word")
        NAME = "name", _("Proper name or acronym")
        LEXEME = "lexeme", _("Stem or lemma")

    term = models.CharField(_("term"), max_length=100)
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    word = models.CharField(_("word as written"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("search term")
        verbose_name_plural = _("search terms")
        constraints = [models.UniqueConstraint(fields=["term", "kind"], name="search_term_unique")]

    def __str__(self):
        return self.word or self.term
