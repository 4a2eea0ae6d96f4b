"""What the public tells the editors: a new entry to add or a correction to an existing one.

A suggestion is its own record and never a catalogue entry: nothing here is shown on
the public site, searched, exported or served by the API.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SuggestionQuerySet(models.QuerySet):
    def waiting(self):
        return self.filter(state=Suggestion.State.WAITING)

    def to_anonymise(self, before):
        """Suggestions received before the given time that still hold personal data."""
        return self.filter(created_at__lt=before, anonymised_at__isnull=True)


class Suggestion(models.Model):
    class Kind(models.TextChoices):
        NEW_ENTRY = "new", _("New entry")
        CORRECTION = "correction", _("Correction")

    class State(models.TextChoices):
        WAITING = "waiting", _("Waiting")
        DRAFTED = "drafted", _("Turned into a draft")
        DECLINED = "declined", _("Declined")
        RESOLVED = "resolved", _("Corrected")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    catalogue = models.CharField(_("catalogue"), max_length=40)
    entry_slug = models.SlugField(
        _("entry to correct"), max_length=120, blank=True, help_text=_("Only for corrections.")
    )
    title = models.CharField(_("name of the entry"), max_length=300)
    description = models.TextField(_("description"), max_length=5000)
    place = models.CharField(_("place"), max_length=200, blank=True)
    organisation = models.CharField(_("organisation running it"), max_length=300, blank=True)
    source_url = models.URLField(_("where to read more"), max_length=500, blank=True)
    submitter_name = models.CharField(_("submitter's name"), max_length=200, blank=True)
    submitter_email = models.EmailField(_("submitter's e-mail"), blank=True)
    submitter_organisation = models.CharField(
        _("submitter's organisation"), max_length=300, blank=True
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    state = models.CharField(
        _("state"), max_length=12, choices=State.choices, default=State.WAITING, db_index=True
    )
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    draft_slug = models.SlugField(_("draft made from it"), max_length=120, blank=True)
    created_at = models.DateTimeField(_("received"), auto_now_add=True, db_index=True)
    handled_at = models.DateTimeField(_("handled"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    anonymised_at = models.DateTimeField(_("personal data removed"), null=True, blank=True)

    objects = SuggestionQuerySet.as_manager()

    class Meta:
        verbose_name = _("suggestion")
        verbose_name_plural = _("suggestions")
        ordering = ["created_at"]

    def __str__(self):
        return self.title
