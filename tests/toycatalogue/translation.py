from modeltranslation.translator import TranslationOptions, register

from tests.toycatalogue.models import Toy


@register(Toy)
class ToyTranslation(TranslationOptions):
    fields = Toy.translated_fields
