from modeltranslation.translator import TranslationOptions, register

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
