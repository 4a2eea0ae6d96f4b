from modeltranslation.translator import TranslationOptions, register

from catalogue.history import register as register_history
from taxonomy.models import Organisation, Place, TargetGroup, Theme


@register(Theme)
class ThemeTranslation(TranslationOptions):
    fields = ("name", "description")
    required_languages = ("cs",)


@register(TargetGroup)
class TargetGroupTranslation(TranslationOptions):
    fields = ("name", "description")
    required_languages = ("cs",)


@register(Place)
class PlaceTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("cs",)


@register(Organisation)
class OrganisationTranslation(TranslationOptions):
    fields = ("name", "description")
    required_languages = ("cs",)


# The history models are built here, after the translated columns (title_cs, title_en …)
# have been added, so that every saved version keeps both languages.
register_history(Theme)
register_history(TargetGroup)
register_history(Place)
register_history(Organisation)
