"""Crisis scenarios and the phased strategies a municipality or region can follow."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from catalogue.models import MarkdownField, Publishable
from taxonomy.models import SlugManager


class Scenario(models.Model):
    """A situation a town or region can find itself in."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=300)
    situation = MarkdownField(_("situation"))
    warning_signs = MarkdownField(_("warning signs"), blank=True)
    indicators = MarkdownField(_("indicators to watch"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = SlugManager()
    # history: registered in translation.py, once the translated columns exist

    class Meta:
        verbose_name = _("scenario")
        verbose_name_plural = _("scenarios")
        ordering = ["position", "slug"]

    def __str__(self):
        return self.title

    def natural_key(self):
        return (self.slug,)

    def get_absolute_url(self):
        return reverse("strategies:scenario", kwargs={"slug": self.slug})


class PlaceKind(models.TextChoices):
    SMALL_MUNICIPALITY = "small_municipality", _("Small municipality")
    CITY = "city", _("City")
    CITY_DISTRICT = "city_district", _("City district")
    REGION = "region", _("Region")


class Strategy(Publishable):
    scenario = models.ForeignKey(
        Scenario, verbose_name=_("scenario"), on_delete=models.PROTECT, related_name="strategies"
    )
    place_kind = models.CharField(
        _("kind of place"), max_length=20, choices=PlaceKind.choices, db_index=True
    )
    goals = MarkdownField(_("goals"), blank=True)
    key_actors = MarkdownField(_("key actors"), blank=True)
    risks = MarkdownField(_("risks and pitfalls"), blank=True)

    # history: registered in translation.py, once the translated columns exist

    search_fields = {"A": ("title",), "B": ("summary", "goals"), "C": ("key_actors", "risks")}
    search_relations = (
        ("B", "scenario", _("scenario")),
        *Publishable.search_relations,
    )
    translated_fields = ("title", "summary", "goals", "key_actors", "risks")

    # What an editor should fill in (the editors' worklist); any one of a tuple suffices.
    completeness_checks = (
        ("goals", _("goals")),
        ("key_actors", _("key actors")),
        ("steps", _("steps")),
        ("steps__instruments", _("recommended instruments")),
    )

    class Meta(Publishable.Meta):
        verbose_name = _("strategy")
        verbose_name_plural = _("strategies")
        permissions = [("publish_strategy", _("Can publish, unpublish and archive strategies"))]
        constraints = [
            models.UniqueConstraint(
                fields=["scenario", "place_kind"],
                condition=models.Q(status="published"),
                name="strategy_one_published_per_scenario_and_place_kind",
            )
        ]


class Step(models.Model):
    class Phase(models.TextChoices):
        PREPARE = "prepare", _("Prepare")
        FIRST_DAYS = "first_days", _("First days")
        FIRST_MONTHS = "first_months", _("First months")
        LONG_TERM = "long_term", _("Long term")

    PHASE_ORDER = [Phase.PREPARE, Phase.FIRST_DAYS, Phase.FIRST_MONTHS, Phase.LONG_TERM]

    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="steps")
    phase = models.CharField(_("phase"), max_length=16, choices=Phase.choices)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    title = models.CharField(_("step"), max_length=300)
    description = MarkdownField(_("what to do"), blank=True)
    responsible = models.CharField(_("who acts"), max_length=300)
    time_frame = models.CharField(_("when"), max_length=200, blank=True)
    instruments = models.ManyToManyField(
        "instruments.Instrument",
        verbose_name=_("recommended instruments"),
        blank=True,
        related_name="strategy_steps",
    )
    projects = models.ManyToManyField(
        "projects.Project",
        verbose_name=_("example projects"),
        blank=True,
        related_name="strategy_steps",
    )

    # history: registered in translation.py, once the translated columns exist

    class Meta:
        verbose_name = _("step")
        verbose_name_plural = _("steps")
        ordering = ["position", "id"]

    def __str__(self):
        return self.title
