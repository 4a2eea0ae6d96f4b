"""Small builders for test data. Every catalogue entry is published unless told otherwise."""

import itertools

from catalogue.models import Status
from instruments.models import Instrument
from projects.models import Project
from strategies.models import Scenario, Step, Strategy
from taxonomy.models import Organisation, Place, Source, TargetGroup, Theme

_counter = itertools.count(1)


def _n():
    return next(_counter)


def make_theme(slug=None, name_cs=None, name_en=None):
    n = _n()
    return Theme.objects.create(
        slug=slug or f"theme-{n}", name_cs=name_cs or f"Téma {n}", name_en=name_en or f"Theme {n}"
    )


def make_target_group(slug=None, name_cs=None, name_en=None):
    n = _n()
    return TargetGroup.objects.create(
        slug=slug or f"group-{n}",
        name_cs=name_cs or f"Skupina {n}",
        name_en=name_en or f"Group {n}",
    )


def make_place(
    slug=None, kind=Place.Kind.MUNICIPALITY, parent=None, code="", name_cs=None, name_en=None
):
    n = _n()
    return Place.objects.create(
        slug=slug or f"place-{n}",
        kind=kind,
        parent=parent,
        code=code,
        name_cs=name_cs or f"Místo {n}",
        name_en=name_en or name_cs or f"Place {n}",
    )


def make_organisation(slug=None, kind=Organisation.Kind.NGO, name_cs=None, name_en=None, **extra):
    n = _n()
    return Organisation.objects.create(
        slug=slug or f"org-{n}",
        kind=kind,
        name_cs=name_cs or f"Organizace {n}",
        name_en=name_en or f"Organisation {n}",
        **extra,
    )


def make_source(slug=None, title=None, **extra):
    n = _n()
    return Source.objects.create(slug=slug or f"source-{n}", title=title or f"Source {n}", **extra)


def _entry_fields(n, kind, title_cs, title_en, summary_cs, summary_en, status):
    return {
        "slug": f"{kind}-{n}",
        "title_cs": title_cs or f"Český název {kind} {n}",
        "title_en": title_en if title_en is not None else f"English title {kind} {n}",
        "summary_cs": summary_cs or f"Krátké shrnutí {n}.",
        "summary_en": summary_en if summary_en is not None else f"Short summary {n}.",
        "status": status,
    }


def make_project(
    title_cs=None, title_en=None, summary_cs=None, summary_en=None, status=Status.PUBLISHED, **extra
):
    fields = _entry_fields(_n(), "project", title_cs, title_en, summary_cs, summary_en, status)
    fields.update(extra)
    return Project.objects.create(**fields)


def make_instrument(
    title_cs=None, title_en=None, summary_cs=None, summary_en=None, status=Status.PUBLISHED, **extra
):
    fields = _entry_fields(_n(), "instrument", title_cs, title_en, summary_cs, summary_en, status)
    fields.setdefault("kind", "financial")
    fields.setdefault("level", "national")
    fields.update(extra)
    return Instrument.objects.create(**fields)


def make_scenario(slug=None, title_cs=None, title_en=None):
    n = _n()
    return Scenario.objects.create(
        slug=slug or f"scenario-{n}",
        title_cs=title_cs or f"Scénář {n}",
        title_en=title_en or f"Scenario {n}",
        situation_cs="Popis situace.",
        situation_en="What the situation is.",
    )


def make_strategy(
    scenario=None,
    title_cs=None,
    title_en=None,
    summary_cs=None,
    summary_en=None,
    status=Status.PUBLISHED,
    **extra,
):
    fields = _entry_fields(_n(), "strategy", title_cs, title_en, summary_cs, summary_en, status)
    fields["scenario"] = scenario or make_scenario()
    fields.setdefault("place_kind", "city")
    fields.update(extra)
    return Strategy.objects.create(**fields)


def make_step(strategy, phase=Step.Phase.PREPARE, position=0, instruments=(), projects=(), **extra):
    n = _n()
    step = Step.objects.create(
        strategy=strategy,
        phase=phase,
        position=position,
        title_cs=extra.pop("title_cs", f"Krok {n}"),
        title_en=extra.pop("title_en", f"Step {n}"),
        responsible_cs=extra.pop("responsible_cs", "Starosta"),
        responsible_en=extra.pop("responsible_en", "The mayor"),
        **extra,
    )
    step.instruments.set(instruments)
    step.projects.set(projects)
    return step


def form_data(form) -> dict:
    """What a browser posts for a Django form as it was rendered (no change made)."""
    data = {}
    for bound in form:
        value = bound.value()
        if value is None or value is False:
            continue
        if value is True:
            data[bound.html_name] = "on"
        elif isinstance(value, list | tuple):
            data[bound.html_name] = [str(item) for item in value]
        else:
            data[bound.html_name] = str(value)
    return data


def admin_form_data(response, **overrides) -> dict:
    """What the admin change form of ``response`` posts, inline rows included, plus overrides."""
    context = response.context
    data = form_data(context["adminform"].form)
    for inline in context.get("inline_admin_formsets", []):
        formset = inline.formset
        data.update(form_data(formset.management_form))
        for form in formset.forms:
            data.update(form_data(form))
    data.update(overrides)
    return data
