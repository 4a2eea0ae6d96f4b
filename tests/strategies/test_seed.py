"""The crisis strategies of the seed catalogue: complete, ordered, bilingual and sourced."""

import pytest
from django.db import transaction

from catalogue.models import Status
from strategies.models import Scenario, Step, Strategy
from tests.factories import load_fixtures

# The four situations issue 4 names; each must have a published strategy.
REQUIRED_SCENARIOS = {
    "influx-of-international-protection-applicants",
    "sudden-increase-in-foreign-workers",
    "segregated-migrant-communities",
    "mass-arrival-of-temporary-protection-holders",
}

# Temporary protection is not described by the seed documents: the strategies for it rest on
# the legal acts, which must therefore be cited.
TEMPORARY_PROTECTION_SOURCES = {
    "decision-2022-382-eu-temporary-protection-ukraine",
    "act-65-2022-lex-ukrajina",
}


@pytest.fixture(scope="module")
def catalogue(django_db_setup, django_db_blocker):
    """Load the fixture files once for this module; roll everything back afterwards."""
    with django_db_blocker.unblock():
        with transaction.atomic():
            load_fixtures()
            yield
            transaction.set_rollback(True)


@pytest.fixture
def loaded(catalogue, db):
    return None


def published_strategies():
    return Strategy.objects.filter(status=Status.PUBLISHED).prefetch_related("steps", "sources")


def test_the_four_crisis_scenarios_have_a_published_strategy(loaded):
    with_strategy = set(
        Scenario.objects.filter(strategies__status=Status.PUBLISHED).values_list("slug", flat=True)
    )
    assert REQUIRED_SCENARIOS - with_strategy == set()


def test_scenarios_describe_situation_warning_signs_and_indicators_in_both_languages(loaded):
    for scenario in Scenario.objects.all():
        for field in ("situation", "warning_signs", "indicators"):
            for lang in ("cs", "en"):
                assert getattr(scenario, f"{field}_{lang}").strip(), (
                    f"{scenario.slug}: {field}_{lang}"
                )


def test_strategies_state_goals_actors_and_risks_in_both_languages(loaded):
    for strategy in published_strategies():
        for field in ("summary", "goals", "key_actors", "risks"):
            for lang in ("cs", "en"):
                assert getattr(strategy, f"{field}_{lang}").strip(), (
                    f"{strategy.slug}: {field}_{lang}"
                )


def test_steps_say_what_to_do_and_when_in_both_languages(loaded):
    for step in Step.objects.filter(strategy__status=Status.PUBLISHED).select_related("strategy"):
        for field in ("title", "description", "responsible", "time_frame"):
            for lang in ("cs", "en"):
                assert getattr(step, f"{field}_{lang}").strip(), (
                    f"{step.strategy.slug} #{step.position}: {field}_{lang}"
                )


def test_steps_are_numbered_once_and_follow_the_phases_in_order(loaded):
    for strategy in published_strategies():
        steps = sorted(strategy.steps.all(), key=lambda step: step.position)
        positions = [step.position for step in steps]
        assert len(set(positions)) == len(positions), strategy.slug
        phase_ranks = [Step.PHASE_ORDER.index(step.phase) for step in steps]
        assert phase_ranks == sorted(phase_ranks), strategy.slug


@pytest.mark.parametrize("slug", sorted(REQUIRED_SCENARIOS))
def test_every_strategy_of_a_scenario_cites_a_seed_document_or_a_legal_act(loaded, slug):
    for strategy in published_strategies().filter(scenario__slug=slug):
        cited = {source.slug for source in strategy.sources.all()}
        if slug == "mass-arrival-of-temporary-protection-holders":
            assert TEMPORARY_PROTECTION_SOURCES <= cited, strategy.slug
        else:
            assert any(source.startswith("seed-") for source in cited), strategy.slug
