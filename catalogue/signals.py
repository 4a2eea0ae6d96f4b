from django.db.models.signals import post_save
from django.dispatch import receiver

from catalogue.models import Publishable
from catalogue.search import update_search_document


@receiver(post_save)
def refresh_search_document(sender, instance, raw=False, **kwargs):
    # Fixture loading saves raw rows; the set-up rebuilds the index afterwards.
    if raw or not isinstance(instance, Publishable):
        return
    update_search_document(instance)
