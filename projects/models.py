"""Integration projects: what was done, by whom, with what money and what results."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from catalogue.models import Currency, EvidenceLevel, MarkdownField, Publishable, Status


class Project(Publishable):
    original_name = models.CharField(
        _("original name"),
        max_length=300,
        blank=True,
        help_text=_(
            "The project's name as its sources give it, when that differs from the Czech or "
            "English title shown (which is then the platform's own translation or description)."
        ),
    )
    objectives = MarkdownField(_("objectives"), blank=True)
    activities = MarkdownField(_("how it works"), blank=True)
    beneficiaries = MarkdownField(_("who benefits"), blank=True)
    results = MarkdownField(_("results and outputs"), blank=True)
    evaluation = MarkdownField(_("evaluation"), blank=True, help_text=_("Method and findings."))
    lessons = MarkdownField(
        _("lessons and transferability"),
        blank=True,
        help_text=_("What others can take over, and on what conditions."),
    )
    lead_organisation = models.ForeignKey(
        "taxonomy.Organisation",
        verbose_name=_("lead organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="led_projects",
    )
    start_year = models.PositiveSmallIntegerField(
        _("start year"), null=True, blank=True, db_index=True
    )
    end_year = models.PositiveSmallIntegerField(_("end year"), null=True, blank=True, db_index=True)
    ongoing = models.BooleanField(_("ongoing"), default=False)
    evidence_level = models.CharField(
        _("evidence level"),
        max_length=16,
        choices=EvidenceLevel.choices,
        default=EvidenceLevel.NOT_EVALUATED,
        db_index=True,
    )
    is_good_practice = models.BooleanField(
        _("good practice"),
        default=False,
        db_index=True,
        help_text=_(
            "Can be set only when the project meets every required good-practice criterion."
        ),
    )
    good_practice_criteria = models.ManyToManyField(
        "projects.GoodPracticeCriterion",
        through="projects.GoodPracticeCheck",
        verbose_name=_("good-practice criteria met"),
        blank=True,
        related_name="projects",
    )
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_function = models.CharField(_("contact person's function"), max_length=300, blank=True)
    website = models.URLField(_("website"), max_length=500, blank=True)

    # history: registered in translation.py, once the translated columns exist

    search_fields = {
        "A": ("title", "original_name"),
        "B": ("summary", "objectives"),
        "C": ("activities", "beneficiaries", "results", "evaluation", "lessons"),
    }
    search_relations = (
        ("B", "lead_organisation", _("lead organisation")),
        ("C", "partnerships__organisation", _("partners")),
        ("C", "funding_lines__instrument", _("funding")),
        *Publishable.search_relations,
    )
    translated_fields = (
        "title",
        "summary",
        "objectives",
        "activities",
        "beneficiaries",
        "results",
        "evaluation",
        "lessons",
        "contact_function",
    )

    # What an editor should fill in (the editors' worklist); any one of a tuple suffices.
    completeness_checks = (
        ("results", _("results")),
        ("evaluation", _("evaluation")),
        ("start_year", _("years")),
        ("funding_lines__amount", _("funding amounts")),
        ("key_figures", _("reach and key figures")),
        (("website", "contact_name"), _("website or contact")),
    )

    class Meta(Publishable.Meta):
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        permissions = [("publish_project", _("Can publish, unpublish and archive projects"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(start_year__isnull=True)
                | Q(end_year__isnull=True)
                | Q(end_year__gte=models.F("start_year")),
                name="project_end_year_ge_start_year",
            ),
            models.CheckConstraint(
                condition=(
                    Q(start_year__isnull=True) | Q(start_year__gte=1945, start_year__lte=2100)
                )
                & (Q(end_year__isnull=True) | Q(end_year__gte=1945, end_year__lte=2100)),
                name="project_years_plausible",
            ),
        ]
        indexes = Publishable.Meta.indexes + [
            models.Index(fields=["status", "evidence_level"], name="project_list_idx"),
            # The published projects' ids and evidence from the index alone, without reading
            # the wide rows (the coverage map and the regions compared count every one).
            models.Index(
                fields=["evidence_level", "id"],
                condition=Q(status=Status.PUBLISHED),
                name="project_published_evidence",
            ),
        ]

    def missing_good_practice_criteria(self, met=None) -> list:
        """The required criteria this project does not meet (``met``: the criteria ticked in a form)."""
        if met is None:
            met = list(self.good_practice_criteria.all()) if self.pk else []
        ticked = {criterion.pk for criterion in met}
        required = GoodPracticeCriterion.objects.filter(required=True)
        return [criterion for criterion in required if criterion.pk not in ticked]

    def clean(self):
        super().clean()
        # The criteria an editor ticks in the same form, before they are saved (set by the admin).
        pending = getattr(self, "_pending_good_practice_criteria", None)
        newly_flagged = not (
            self.pk and Project.objects.filter(pk=self.pk, is_good_practice=True).exists()
        )
        if self.is_good_practice and (pending is not None or newly_flagged):
            missing = self.missing_good_practice_criteria(pending)
            if missing:
                raise ValidationError(
                    {
                        "is_good_practice": _(
                            "A project can be flagged as good practice only when it meets every "
                            "required criterion. Not met: %(criteria)s."
                        )
                        % {"criteria": ", ".join(str(criterion) for criterion in missing)}
                    }
                )


class GoodPracticeCriterionManager(models.Manager):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class GoodPracticeCriterion(models.Model):
    """One condition a good practice must meet, written once and shown on the methodology page."""

    slug = models.SlugField(_("code"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    required = models.BooleanField(
        _("required"),
        default=True,
        help_text=_("A project must meet every required criterion to be flagged as good practice."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = GoodPracticeCriterionManager()

    class Meta:
        verbose_name = _("good-practice criterion")
        verbose_name_plural = _("good-practice criteria")
        ordering = ["position", "slug"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)


class GoodPracticeCheckManager(models.Manager):
    def get_by_natural_key(self, project, criterion):
        return self.get(project__slug=project, criterion__slug=criterion)


class GoodPracticeCheck(models.Model):
    """An editor's finding that a project meets a good-practice criterion."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="good_practice_checks"
    )
    criterion = models.ForeignKey(
        GoodPracticeCriterion,
        verbose_name=_("criterion"),
        on_delete=models.PROTECT,
        related_name="checks",
    )

    objects = GoodPracticeCheckManager()

    class Meta:
        verbose_name = _("good-practice criterion met")
        verbose_name_plural = _("good-practice criteria met")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "criterion"], name="good_practice_check_unique"
            )
        ]

    def __str__(self):
        return f"{self.project}: {self.criterion}"

    def natural_key(self):
        return (self.project.slug, self.criterion.slug)

    natural_key.dependencies = ["projects.project", "projects.goodpracticecriterion"]


class Partnership(models.Model):
    class Role(models.TextChoices):
        PARTNER = "partner", _("Partner")
        FOREIGN_PARTNER = "foreign_partner", _("Foreign partner")
        CO_ORGANISER = "co_organiser", _("Co-organiser")
        FUNDER = "funder", _("Funder")
        SUPPORTER = "supporter", _("Supporter")
        EVALUATOR = "evaluator", _("Evaluator")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="partnerships")
    organisation = models.ForeignKey(
        "taxonomy.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="partnerships",
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.PARTNER)
    note = models.CharField(_("note"), max_length=300, blank=True)

    # history: registered in translation.py, once the translated columns exist

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["role", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "organisation", "role"], name="partnership_unique"
            ),
        ]

    def __str__(self):
        return f"{self.organisation} ({self.get_role_display()})"


class FundingLine(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="funding_lines")
    instrument = models.ForeignKey(
        "instruments.Instrument",
        verbose_name=_("instrument"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="funding_lines",
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    amount = models.DecimalField(
        _("amount"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    currency = models.CharField(
        _("currency"), max_length=3, choices=Currency.choices, default=Currency.CZK
    )
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)

    # history: registered in translation.py, once the translated columns exist

    class Meta:
        verbose_name = _("funding line")
        verbose_name_plural = _("funding lines")
        ordering = ["year", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gte=0),
                name="funding_line_amount_not_negative",
            ),
        ]

    def __str__(self):
        return str(self.instrument or self.note)


class KeyFigure(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="key_figures")
    label = models.CharField(_("label"), max_length=200)
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    unit = models.CharField(_("unit"), max_length=40, blank=True)
    counts_reach = models.BooleanField(
        _("people reached"),
        default=False,
        help_text=_(
            "Tick when this figure is the number of people the project reached (participants, "
            "clients). It is shown as the project's reach and used for the cost per participant."
        ),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    # history: registered in translation.py, once the translated columns exist

    class Meta:
        verbose_name = _("key figure")
        verbose_name_plural = _("key figures")
        ordering = ["position", "id"]

    def __str__(self):
        return f"{self.label}: {self.value.normalize():f} {self.unit}".strip()
