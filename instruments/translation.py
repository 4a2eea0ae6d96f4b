from modeltranslation.translator import TranslationOptions, register

from instruments.models import Instrument


@register(Instrument)
class InstrumentTranslation(TranslationOptions):
    fields = Instrument.translated_fields
