from modeltranslation.translator import TranslationOptions, register

from catalogue.history import register as register_history
from strategies.models import Scenario, Step, Strategy


@register(Scenario)
class ScenarioTranslation(TranslationOptions):
    fields = ("title", "situation", "warning_signs", "indicators")
    required_languages = ("cs",)


@register(Strategy)
class StrategyTranslation(TranslationOptions):
    fields = Strategy.translated_fields


@register(Step)
class StepTranslation(TranslationOptions):
    fields = ("title", "description", "responsible", "time_frame")


# The history models are built here, after the translated columns (title_cs, title_en …)
# have been added, so that every saved version keeps both languages.
register_history(Scenario)
register_history(
    Strategy,
    excluded_fields=["search_vector", "title_sort_cs", "title_sort_en"],
    m2m_fields=["themes", "target_groups", "places", "sources"],
)
register_history(Step, m2m_fields=["instruments", "projects"])
