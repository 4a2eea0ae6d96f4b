from modeltranslation.translator import TranslationOptions, register

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

