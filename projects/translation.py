from modeltranslation.translator import TranslationOptions, register

from projects.models import FundingLine, KeyFigure, Partnership, Project


@register(Project)
class ProjectTranslation(TranslationOptions):
    fields = Project.translated_fields


@register(Partnership)
class PartnershipTranslation(TranslationOptions):
    fields = ("note",)


@register(FundingLine)
class FundingLineTranslation(TranslationOptions):
    fields = ("note",)


@register(KeyFigure)
class KeyFigureTranslation(TranslationOptions):
    fields = ("label", "unit")
