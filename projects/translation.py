from modeltranslation.translator import TranslationOptions, register

from catalogue.history import register as register_history
from projects.models import FundingLine, GoodPracticeCriterion, KeyFigure, Partnership, Project


@register(Project)
class ProjectTranslation(TranslationOptions):
    fields = Project.translated_fields


@register(Partnership)
class PartnershipTranslation(TranslationOptions):
    fields = ("note",)


@register(FundingLine)
class FundingLineTranslation(TranslationOptions):
    fields = ("note",)


@register(GoodPracticeCriterion)
class GoodPracticeCriterionTranslation(TranslationOptions):
    fields = ("name", "description")


@register(KeyFigure)
class KeyFigureTranslation(TranslationOptions):
    fields = ("label", "unit")


# The history models are built here, after the translated columns (title_cs, title_en …)
# have been added, so that every saved version keeps both languages.
register_history(
    Project,
    excluded_fields=["search_vector", "title_sort_cs", "title_sort_en"],
    m2m_fields=["themes", "target_groups", "places", "sources"],
)
register_history(Partnership)
register_history(FundingLine)
register_history(KeyFigure)
register_history(GoodPracticeCriterion)
