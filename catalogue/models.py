"""What every catalogue entry shares: the publishable base, statuses, evidence levels."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from catalogue.collation import sort_key_expression
from catalogue.languages import (
    LANGUAGES,
    PRIMARY_LANGUAGE,
    field_name,
    has_text_in,
    localized_expression,
    value_in,
)


class MarkdownField(models.TextField):
    """A long text written in Markdown and shown as sanitised HTML."""


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    REVIEW = "review", _("In review")
    PUBLISHED = "published", _("Published")
    ARCHIVED = "archived", _("Archived")


class EvidenceLevel(models.TextChoices):
    NOT_EVALUATED = "not_evaluated", _("Not evaluated")
    MONITORING = "monitoring", _("Monitoring data")
    SURVEY = "survey", _("Participant survey")
    EXTERNAL = "external", _("External evaluation")
    IMPACT = "impact", _("Impact evaluation")


EVIDENCE_LEVEL_EXPLANATIONS = {
    EvidenceLevel.NOT_EVALUATED: _(
        "No evaluation is known. The description says what was done, not whether it worked."
    ),
    EvidenceLevel.MONITORING: _(
        "The results rest on the implementer's own monitoring data, such as numbers of "
        "participants or services provided."
    ),
    EvidenceLevel.SURVEY: _(
        "The participants or partners were asked for their views, for example in a "
        "questionnaire or in interviews."
    ),
    EvidenceLevel.EXTERNAL: _(
        "An independent evaluator assessed the project or instrument against its objectives."
    ),
    EvidenceLevel.IMPACT: _(
        "An evaluation compared outcomes with a comparison group or baseline and can "
        "attribute changes to the intervention."
    ),
}


def evidence_rank():
    """An entry's evidence level as a number, 0 (not evaluated) to 4 (impact evaluation)."""
    return models.Case(
        *(
            models.When(evidence_level=level, then=models.Value(rank))
            for rank, level in enumerate(EvidenceLevel.values)
        ),
        output_field=models.IntegerField(),
    )


class Currency(models.TextChoices):
    CZK = "CZK", "CZK"
    EUR = "EUR", "EUR"


class PublishableQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Status.PUBLISHED)

    def visible_to(self, user):
        """Published entries for everyone; those who may change entries of this kind also
        preview their drafts and entries in review (staff status alone is not enough)."""
        opts = self.model._meta
        if (
            user is not None
            and user.is_authenticated
            and user.is_staff
            and user.has_perm(f"{opts.app_label}.change_{opts.model_name}")
        ):
            return self
        return self.published()


class PublishableManager(models.Manager.from_queryset(PublishableQuerySet)):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Publishable(models.Model):
    """The base of every catalogue entry (project, instrument, strategy)."""

    slug = models.SlugField(
        _("slug"),
        max_length=120,
        unique=True,
        help_text=_(
            "Stable ASCII identifier used in the permanent link. Do not change it once published."
        ),
    )
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), help_text=_("Two to four sentences shown in lists."))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last changed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    themes = models.ManyToManyField("taxonomy.Theme", verbose_name=_("themes"), blank=True)
    target_groups = models.ManyToManyField(
        "taxonomy.TargetGroup", verbose_name=_("target groups"), blank=True
    )
    places = models.ManyToManyField("taxonomy.Place", verbose_name=_("places"), blank=True)
    sources = models.ManyToManyField("taxonomy.Source", verbose_name=_("sources"), blank=True)
    search_vector = SearchVectorField(null=True, editable=False)
    # The title's sort key in each language (the Czech alphabet of collation.py), kept by the
    # database on every write, so that a list ordered by title reads an index instead of
    # sorting every row.
    title_sort_cs = models.GeneratedField(
        expression=sort_key_expression(localized_expression("title", "cs"), "cs"),
        output_field=models.CharField(max_length=300, db_collation="C"),
        db_persist=True,
    )
    title_sort_en = models.GeneratedField(
        expression=sort_key_expression(localized_expression("title", "en"), "en"),
        output_field=models.CharField(max_length=300, db_collation="C"),
        db_persist=True,
    )
    # When the text of each language last changed, so that an English text older than
    # the Czech one is shown as out of date (set on save; unknown for loaded fixtures).
    czech_changed_at = models.DateTimeField(
        _("Czech text last changed"), null=True, blank=True, editable=False
    )
    english_changed_at = models.DateTimeField(
        _("English text last changed"), null=True, blank=True, editable=False
    )
    review_note = models.TextField(
        _("note for the reviewer"),
        blank=True,
        help_text=_(
            "What the publisher should know when reviewing: what changed, what to check. "
            "Kept in the history when the entry is submitted."
        ),
    )
    verified_on = models.DateField(
        _("verified by the editors on"),
        null=True,
        blank=True,
        help_text=_("The day an editor last checked the whole entry against its sources."),
    )

    objects = PublishableManager()

    # Text fields that go into the search document, by weight (A = most important).
    search_fields: dict[str, tuple[str, ...]] = {"A": ("title",), "B": ("summary",), "C": ()}
    # Related records whose names (and acronyms) go into the search document:
    # (weight, path through the relations, what the page calls them).
    search_relations: tuple[tuple[str, str, str], ...] = (
        ("D", "target_groups", _("target groups")),
        ("D", "themes", _("themes")),
        ("D", "places", _("places")),
    )
    # Translated text fields whose English version an editor should provide.
    translated_fields: tuple[str, ...] = ("title", "summary")

    class Meta:
        abstract = True
        ordering = ["-published_at", "slug"]
        indexes = [
            GinIndex(fields=["search_vector"], name="%(app_label)s_%(class)s_search"),
            # The orderings of the public lists, over published entries only.
            models.Index(
                fields=["title_sort_cs", "id"],
                name="%(app_label)s_%(class)s_sort_cs",
                condition=models.Q(status="published"),
            ),
            models.Index(
                fields=["title_sort_en", "id"],
                name="%(app_label)s_%(class)s_sort_en",
                condition=models.Q(status="published"),
            ),
            models.Index(
                models.F("published_at").desc(nulls_last=True),
                models.F("id").desc(),
                name="%(app_label)s_%(class)s_newest",
                condition=models.Q(status="published"),
            ),
        ]

    def __str__(self):
        return self.title

    def natural_key(self):
        return (self.slug,)

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED

    def get_absolute_url(self):
        from catalogue.registry import url_name_for

        return reverse(url_name_for(self, "detail"), kwargs={"slug": self.slug})

    def missing_translations(self) -> list[str]:
        """Names of the English fields that are empty while the Czech one is filled."""
        missing = []
        for name in self.translated_fields:
            if value_in(self, name, PRIMARY_LANGUAGE) and not value_in(self, name, "en"):
                missing.append(name)
        return missing

    @property
    def has_english(self) -> bool:
        return has_text_in(self, ("title", "summary"), "en")

    def clean(self):
        super().clean()
        if self.status == Status.PUBLISHED:
            errors = {}
            if not (getattr(self, "title_cs", None) or "").strip():
                errors["title_cs"] = _("A published entry needs a Czech title.")
            if not (getattr(self, "summary_cs", None) or "").strip():
                errors["summary_cs"] = _("A published entry needs a Czech summary.")
            if errors:
                raise ValidationError(errors)

    @property
    def english_out_of_date(self) -> bool:
        """The Czech text changed after the English one was last edited."""
        return bool(
            self.has_english
            and self.czech_changed_at
            and self.english_changed_at
            and self.czech_changed_at > self.english_changed_at
        )

    def _language_columns(self, language: str) -> list[str]:
        names = [field_name(name, language) for name in self.translated_fields]
        return [name for name in names if any(f.attname == name for f in self._meta.fields)]

    def _note_language_changes(self, update_fields) -> list[str]:
        """Stamp the languages whose text this save changes; return the stamps set."""
        columns = {language: self._language_columns(language) for language in LANGUAGES}
        if update_fields is not None and not set(update_fields) & {
            *columns["cs"],
            *columns["en"],
        }:
            return []
        stored = None
        if self.pk is not None:
            stored = (
                type(self)
                ._default_manager.filter(pk=self.pk)
                .values(*columns["cs"], *columns["en"])
                .first()
            )
        now = timezone.now()
        stamped = []
        for language, stamp in (("cs", "czech_changed_at"), ("en", "english_changed_at")):
            current = [getattr(self, column) or "" for column in columns[language]]
            if stored is None:
                changed = any(current)
            else:
                changed = current != [stored[column] or "" for column in columns[language]]
            if changed:
                setattr(self, stamp, now)
                stamped.append(stamp)
        return stamped

    def save(self, *args, **kwargs):
        if self.status == Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        stamped = self._note_language_changes(kwargs.get("update_fields"))
        if stamped and kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = [*kwargs["update_fields"], *stamped]
        super().save(*args, **kwargs)


class Revision(models.Model):
    """A change proposed to a published entry, waiting for a publisher.

    It holds the entry's change form as it was sent, so that publishing it runs the
    same validation and saving as any edit, and the public page keeps showing the
    published version until then.
    """

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting for a publisher")
        PUBLISHED = "published", _("Published")
        DECLINED = "declined", _("Declined")

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveIntegerField()
    entry = GenericForeignKey("content_type", "object_id")
    form_data = models.JSONField(_("proposed form"))
    note = models.TextField(_("note for the reviewer"), blank=True)
    state = models.CharField(
        _("state"), max_length=12, choices=State.choices, default=State.PENDING, db_index=True
    )
    created_at = models.DateTimeField(_("proposed"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("proposed change")
        verbose_name_plural = _("proposed changes")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["content_type", "object_id", "state"])]

    def __str__(self):
        return gettext("Change proposed on %(date)s") % {
            "date": date_format(timezone.localtime(self.created_at), "SHORT_DATETIME_FORMAT")
        }
