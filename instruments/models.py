"""Instruments an official can use: funding, legislation, strategies, institutions, methods."""

from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalogue.models import (
    Currency,
    EvidenceLevel,
    MarkdownField,
    Publishable,
    PublishableManager,
    PublishableQuerySet,
)


class Kind(models.TextChoices):
    FINANCIAL = "financial", _("Financial")
    LEGISLATIVE = "legislative", _("Legislative")
    STRATEGIC = "strategic", _("Strategic document")
    INSTITUTIONAL = "institutional", _("Institutional")
    METHODOLOGICAL = "methodological", _("Methodological")
    INFORMATIONAL = "informational", _("Informational")


class Level(models.TextChoices):
    EU = "eu", _("European Union")
    NATIONAL = "national", _("National")
    REGIONAL = "regional", _("Regional")
    MUNICIPAL = "municipal", _("Municipal")
    DISTRICT = "district", _("City district")


class FundingSource(models.TextChoices):
    EU = "eu", _("EU funds")
    STATE = "state", _("State budget")
    REGIONAL = "regional", _("Regional budget")
    MUNICIPAL = "municipal", _("Municipal budget")
    OTHER = "other", _("Other")
    NONE = "none", _("No funding (non-financial)")


class ApplicantType(models.TextChoices):
    MUNICIPALITY = "municipality", _("Municipality")
    REGION = "region", _("Region")
    CITY_DISTRICT = "city_district", _("City district")
    NGO = "ngo", _("Non-governmental organisation")
    SCHOOL = "school", _("School")
    EMPLOYER = "employer", _("Employer")
    UNIVERSITY = "university", _("University or research institute")
    STATE = "state", _("State body")
    INDIVIDUAL = "individual", _("Individual (foreign national)")


class CallFrequency(models.TextChoices):
    ANNUAL = "annual", _("Every year")
    MULTIANNUAL = "multiannual", _("Once per programming period")
    CONTINUOUS = "continuous", _("Continuously")
    IRREGULAR = "irregular", _("Irregularly")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")


class CallStatus(models.TextChoices):
    OPEN = "open", _("Open")
    PLANNED = "planned", _("Planned")
    CLOSED = "closed", _("Closed")
    PERMANENT = "permanent", _("Permanently available")
    ENDED = "ended", _("Ended")
    UNKNOWN = "unknown", _("Status unknown – verify before applying")


# A financial instrument without a status, or with an open or planned call whose deadline
# has passed, is not known to be open: pages say "status unknown" for it.
UNKNOWN_STATUSES = ("", CallStatus.UNKNOWN)
DATED_STATUSES = (CallStatus.OPEN, CallStatus.PLANNED)


def _deadline_not_passed(today) -> Q:
    return Q(next_deadline__isnull=True) | Q(next_deadline__gte=today)


def financial() -> Q:
    return Q(kind=Kind.FINANCIAL)


def open_call(today=None) -> Q:
    """A financial instrument whose call is open and whose deadline has not passed."""
    today = today or timezone.localdate()
    return financial() & Q(call_status=CallStatus.OPEN) & _deadline_not_passed(today)


def available_call(today=None) -> Q:
    """A financial instrument one can apply to now or soon: open, planned or permanently available."""
    today = today or timezone.localdate()
    return financial() & (
        Q(call_status__in=DATED_STATUSES) & _deadline_not_passed(today)
        | Q(call_status=CallStatus.PERMANENT)
    )


def unknown_call(today=None) -> Q:
    """A financial instrument whose status nobody can vouch for today."""
    today = today or timezone.localdate()
    return financial() & (
        Q(call_status__in=UNKNOWN_STATUSES)
        | Q(call_status__in=DATED_STATUSES, next_deadline__lt=today)
    )


class InstrumentQuerySet(PublishableQuerySet):
    """Eligibility and call status, shared by the list, the finder, the calendar and the feeds."""

    def open_now(self):
        """Financial instruments with an open call whose deadline has not passed; nothing else."""
        return self.filter(open_call())

    def available(self):
        """Financial instruments whose call is open, planned or permanently available."""
        return self.filter(available_call())

    def status_unknown(self):
        """Financial instruments whose call status is unknown or out of date."""
        return self.filter(unknown_call())

    def status_to_verify(self, stale_before):
        """Financial instruments whose status is unknown, never verified or verified before ``stale_before``."""
        return self.filter(
            unknown_call()
            | financial()
            & (Q(status_verified_on__isnull=True) | Q(status_verified_on__lt=stale_before))
        )

    def financial(self):
        return self.filter(financial())

    def non_financial(self):
        return self.exclude(financial())

    def eligible_for(self, applicant: str):
        """Instruments that name ``applicant`` (an ``ApplicantType`` value) among who may apply."""
        return self.filter(eligible_applicants__contains=[applicant])

    def open_for(self, applicant: str):
        """What ``applicant`` can apply to: eligible, and the call open, planned or permanent."""
        return self.eligible_for(applicant).available()


class InstrumentManager(PublishableManager.from_queryset(InstrumentQuerySet)):
    pass


class Instrument(Publishable):
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, db_index=True)
    level = models.CharField(_("level"), max_length=12, choices=Level.choices, db_index=True)
    administrator = models.ForeignKey(
        "taxonomy.Organisation",
        verbose_name=_("administered by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="administered_instruments",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text=_("For example the programme a call belongs to."),
    )
    funding_source = models.CharField(
        _("funding source"), max_length=12, choices=FundingSource.choices, blank=True, db_index=True
    )
    eligible_applicants = ArrayField(
        models.CharField(max_length=20, choices=ApplicantType.choices),
        verbose_name=_("who may apply"),
        default=list,
        blank=True,
    )
    purpose = MarkdownField(_("purpose"), blank=True)
    eligible_activities = MarkdownField(_("what it funds or covers"), blank=True)
    conditions = MarkdownField(_("conditions"), blank=True)
    allocation = models.DecimalField(
        _("allocation"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    grant_min = models.DecimalField(
        _("minimum grant"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    grant_max = models.DecimalField(
        _("maximum grant"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    currency = models.CharField(
        _("currency"), max_length=3, choices=Currency.choices, default=Currency.CZK
    )
    cofinancing_rate = models.DecimalField(
        _("co-financing rate (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("Share the applicant pays from its own resources, in per cent."),
    )
    funding_period = models.CharField(_("funding period"), max_length=200, blank=True)
    call_frequency = models.CharField(
        _("call frequency"), max_length=16, choices=CallFrequency.choices, blank=True
    )
    call_status = models.CharField(
        _("call status"), max_length=12, choices=CallStatus.choices, blank=True, db_index=True
    )
    next_deadline = models.DateField(_("next deadline"), null=True, blank=True, db_index=True)
    status_verified_on = models.DateField(
        _("status verified on"),
        null=True,
        blank=True,
        help_text=_("The day an editor last checked the call status at the official source."),
    )
    verify_url = models.URLField(
        _("verify at"),
        max_length=500,
        blank=True,
        help_text=_("Official page where anyone can check whether and when one can apply."),
    )
    successor = models.ForeignKey(
        "self",
        verbose_name=_("successor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="predecessors",
        help_text=_(
            "The instrument that replaced this one, e.g. the programme of the next period."
        ),
    )
    legal_basis = MarkdownField(_("legal basis"), blank=True)
    application_url = models.URLField(_("where to apply"), max_length=500, blank=True)
    valid_from = models.PositiveSmallIntegerField(_("valid from (year)"), null=True, blank=True)
    valid_to = models.PositiveSmallIntegerField(_("valid until (year)"), null=True, blank=True)
    results = MarkdownField(_("results achieved"), blank=True)
    strengths = MarkdownField(_("strengths"), blank=True)
    weaknesses = MarkdownField(_("weaknesses"), blank=True)
    evidence_level = models.CharField(
        _("evidence level"),
        max_length=16,
        choices=EvidenceLevel.choices,
        default=EvidenceLevel.NOT_EVALUATED,
        db_index=True,
    )
    when_to_use = MarkdownField(_("when to use it"), blank=True)

    objects = InstrumentManager()
    # history: registered in translation.py, once the translated columns exist

    search_fields = {
        "A": ("title", "acronym"),
        "B": ("summary", "purpose"),
        "C": (
            "eligible_activities",
            "conditions",
            "legal_basis",
            "results",
            "strengths",
            "weaknesses",
            "when_to_use",
        ),
    }
    search_relations = (
        ("B", "administrator", _("administered by")),
        ("C", "parent", _("part of")),
        *Publishable.search_relations,
    )
    translated_fields = (
        "title",
        "summary",
        "purpose",
        "eligible_activities",
        "conditions",
        "funding_period",
        "legal_basis",
        "results",
        "strengths",
        "weaknesses",
        "when_to_use",
    )

    # What an editor should fill in (the editors' worklist); any one of a tuple suffices.
    completeness_checks = (
        ("purpose", _("purpose")),
        ("eligible_applicants", _("who may apply")),
        ("call_status", _("call status")),
        ("results", _("results achieved")),
        (("application_url", "legal_basis"), _("where to apply or legal basis")),
    )

    class Meta(Publishable.Meta):
        verbose_name = _("instrument")
        verbose_name_plural = _("instruments")
        permissions = [("publish_instrument", _("Can publish, unpublish and archive instruments"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(cofinancing_rate__isnull=True)
                | Q(cofinancing_rate__gte=0, cofinancing_rate__lte=100),
                name="instrument_cofinancing_0_100",
            ),
            models.CheckConstraint(
                condition=Q(grant_min__isnull=True)
                | Q(grant_max__isnull=True)
                | Q(grant_min__lte=models.F("grant_max")),
                name="instrument_grant_min_le_max",
            ),
            models.CheckConstraint(
                condition=(Q(grant_min__isnull=True) | Q(grant_min__gte=0))
                & (Q(grant_max__isnull=True) | Q(grant_max__gte=0))
                & (Q(allocation__isnull=True) | Q(allocation__gte=0)),
                name="instrument_amounts_not_negative",
            ),
            models.CheckConstraint(
                condition=~Q(successor=models.F("pk")),
                name="instrument_successor_not_itself",
            ),
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True)
                | Q(valid_to__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="instrument_valid_to_ge_from",
            ),
        ]
        indexes = Publishable.Meta.indexes + [
            models.Index(fields=["status", "kind", "level"], name="instrument_list_idx"),
        ]

    def clean(self):
        super().clean()
        if self.successor_id is not None and self.successor_id == self.pk:
            raise ValidationError({"successor": _("An instrument cannot be its own successor.")})

    # -- call status, as an official may rely on it ---------------------------------------
    @property
    def is_financial(self) -> bool:
        return self.kind == Kind.FINANCIAL

    @property
    def effective_call_status(self) -> str:
        """The call status the site states: "unknown" unless it is known and still current."""
        if not self.is_financial:
            return self.call_status
        if self.call_status in UNKNOWN_STATUSES:
            return CallStatus.UNKNOWN
        if self.call_status in DATED_STATUSES and self.deadline_passed:
            return CallStatus.UNKNOWN
        return self.call_status

    @property
    def deadline_passed(self) -> bool:
        return self.next_deadline is not None and self.next_deadline < timezone.localdate()

    @property
    def status_unknown(self) -> bool:
        return self.is_financial and self.effective_call_status == CallStatus.UNKNOWN

    @property
    def is_open_now(self) -> bool:
        return self.is_financial and self.effective_call_status == CallStatus.OPEN

    def get_effective_call_status_display(self) -> str:
        status = self.effective_call_status
        return str(dict(CallStatus.choices).get(status, status))

    def get_eligible_applicants_display(self) -> list[str]:
        labels = dict(ApplicantType.choices)
        return [str(labels.get(value, value)) for value in self.eligible_applicants]
