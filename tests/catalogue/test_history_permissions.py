"""The history form restores a version only for those who may change the live object."""

import pytest
from django.contrib import admin
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from catalogue.models import Status
from projects.models import GoodPracticeCriterion
from taxonomy.models import ThesaurusEntry
from tests.factories import (
    form_data,
    make_instrument,
    make_organisation,
    make_place,
    make_project,
    make_scenario,
    make_source,
    make_strategy,
    make_target_group,
    make_theme,
)

BUILDERS = {
    "projects.project": make_project,
    "instruments.instrument": make_instrument,
    "strategies.strategy": make_strategy,
    "strategies.scenario": make_scenario,
    "taxonomy.theme": make_theme,
    "taxonomy.targetgroup": make_target_group,
    "taxonomy.place": make_place,
    "taxonomy.organisation": make_organisation,
    "taxonomy.source": make_source,
    "projects.goodpracticecriterion": lambda: GoodPracticeCriterion.objects.create(
        slug="criterion-for-history", name_cs="Kritérium", name_en="Criterion"
    ),
    "taxonomy.thesaurusentry": lambda: ThesaurusEntry.objects.create(
        terms_cs="uprchlíci\nběženci", terms_en="refugees"
    ),
}
PUBLISHABLE = {"projects.project", "instruments.instrument", "strategies.strategy"}
# What the Editors group may change (the vocabularies are the publishers').
EDITOR_CHANGES = PUBLISHABLE | {
    "taxonomy.place",
    "taxonomy.organisation",
    "taxonomy.source",
    "taxonomy.thesaurusentry",
}

CASES = [(label, None) for label in sorted(BUILDERS.keys() - PUBLISHABLE)] + [
    (label, status)
    for label in sorted(PUBLISHABLE)
    for status in (Status.DRAFT, Status.REVIEW, Status.PUBLISHED, Status.ARCHIVED)
]


def history_admins():
    return {
        model._meta.label_lower
        for model, model_admin in admin.site._registry.items()
        if isinstance(model_admin, SimpleHistoryAdmin)
    }


def name_field(model):
    names = {field.name for field in model._meta.get_fields()}
    return next(name for name in ("title_cs", "name_cs", "title", "terms_cs") if name in names)


def test_every_model_with_history_in_the_admin_is_covered():
    assert history_admins() == set(BUILDERS)


def may_restore(role, label, status):
    if role == "publisher":
        return True
    if role == "editor":
        return label in EDITOR_CHANGES and status not in (Status.PUBLISHED, Status.ARCHIVED)
    return False


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["editor", "publisher", "staff_user"])
@pytest.mark.parametrize(("label", "status"), CASES)
def test_history_form_post_needs_the_permission_to_change_the_live_object(
    client, request, role, label, status
):
    publisher = request.getfixturevalue("publisher")
    user = publisher if role == "publisher" else request.getfixturevalue(role)
    extra = {"status": status} if status else {}
    entry = BUILDERS[label](**extra)
    model = type(entry)
    field = name_field(model)
    seeded_name = getattr(entry, field)
    first_version = entry.history.earliest()
    # The live object moved on since the first version.
    entry_live = model.objects.get(pk=entry.pk)
    setattr(entry_live, field, "Changed since")
    entry_live.save()

    app_label, model_name = label.split(".")
    url = reverse(
        f"admin:{app_label}_{model_name}_simple_history",
        args=[entry.pk, first_version.history_id],
    )
    client.force_login(publisher)
    data = form_data(client.get(url).context["adminform"].form)
    client.force_login(user)
    response = client.post(url, data)

    live = model.objects.get(pk=entry.pk)
    if may_restore(role, label, status):
        assert response.status_code == 302, response.context["errors"]
        assert getattr(live, field) == seeded_name
    else:
        assert response.status_code == 403
        assert getattr(live, field) == "Changed since"
        if status:
            assert live.status == status
