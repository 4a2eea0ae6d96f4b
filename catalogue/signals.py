from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from catalogue.models import Publishable
from catalogue.search import thesaurus_changed, update_search_document


@receiver(post_save)
def refresh_search_document(sender, instance, raw=False, **kwargs):
    # Fixture loading saves raw rows; the set-up rebuilds the index afterwards.
    if raw or not isinstance(instance, Publishable):
        return
    update_search_document(instance)


@receiver(post_save, sender="taxonomy.ThesaurusEntry")
@receiver(post_delete, sender="taxonomy.ThesaurusEntry")
def refresh_thesaurus(sender, **kwargs):
    thesaurus_changed()
