from modeltranslation.translator import TranslationOptions, register

from catalogue.history import register as register_history
from instruments.models import Instrument


@register(Instrument)
class InstrumentTranslation(TranslationOptions):
    fields = Instrument.translated_fields


# The history models are built here, after the translated columns (title_cs, title_en …)
# have been added, so that every saved version keeps both languages.
register_history(
    Instrument,
    excluded_fields=["search_vector", "title_sort_cs", "title_sort_en"],
    m2m_fields=["themes", "target_groups", "places", "sources"],
)
