"""The one table of the project shell: which seed content the set-up loaded last."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# Migrations written before the catalogue core had its own app refer to the field here.
from catalogue.models import MarkdownField  # noqa: F401


class SeedState(models.Model):
    """Fingerprint of the fixture files last loaded, so the set-up loads them only when they change."""

    fingerprint = models.CharField(max_length=64)
    loaded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("seed content state")
        verbose_name_plural = _("seed content state")

    def __str__(self):
        return self.fingerprint
