"""Good practice that says why: written criteria, ticked per project, required before the flag."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from projects.models import GoodPracticeCriterion, Project
from tests.factories import make_project

pytestmark = pytest.mark.django_db

CRITERIA = Path(settings.BASE_DIR) / "fixtures" / "031_good_practice_criteria.yaml"


@pytest.fixture(autouse=True)
def criteria(db):
    """The criteria as the seed content writes them down."""
    call_command("loaddata", str(CRITERIA), verbosity=0)


def required():
    return list(GoodPracticeCriterion.objects.filter(required=True))


def form_data(**overrides):
    data = {
        "title_cs": "Interkulturní pracovníci",
        "title_en": "Intercultural workers",
        "slug": "interkulturni-pracovnici",
        "summary_cs": "Pracovníci pomáhají cizincům na úřadech.",
        "summary_en": "Workers help foreigners at offices.",
        "evidence_level": "not_evaluated",
        "status": "draft",
        "contact_name": "",
        "website": "",
    }
    for prefix in ("partnerships", "funding_lines", "key_figures"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    data.update(overrides)
    return data


def test_the_criteria_are_written_down_in_both_languages():
    criteria = list(GoodPracticeCriterion.objects.all())
    assert len(criteria) == 5 and all(
        c.name_cs and c.name_en and c.description_en for c in criteria
    )
    assert {c.slug for c in criteria if not c.required} == {"evaluated"}


def test_flag_cannot_be_set_without_the_required_criteria():
    project = make_project()
    project.is_good_practice = True
    with pytest.raises(ValidationError) as error:
        project.full_clean()
    assert "is_good_practice" in error.value.message_dict
    project._pending_good_practice_criteria = required()
    project.full_clean()
    project.good_practice_criteria.set(required())
    del project._pending_good_practice_criteria
    project.full_clean()


def test_admin_refuses_the_flag_until_the_criteria_are_ticked(client, publisher):
    client.force_login(publisher)
    url = reverse("admin:projects_project_add")
    response = client.post(url, form_data(is_good_practice="on"))
    assert response.status_code == 200 and not Project.objects.exists()
    assert "jen když splňuje všechna povinná kritéria" in response.content.decode()
    criteria = [str(c.pk) for c in required()]
    response = client.post(url, form_data(is_good_practice="on", criteria_met=criteria))
    assert response.status_code == 302
    project = Project.objects.get()
    assert project.is_good_practice
    assert sorted(c.pk for c in project.good_practice_criteria.all()) == sorted(map(int, criteria))
    page = client.get(reverse("admin:projects_project_change", args=[project.pk]))
    assert 'name="criteria_met"' in page.content.decode()


def test_project_page_shows_met_and_unmet_criteria(client):
    project = make_project(is_good_practice=True)
    project.good_practice_criteria.set(required()[:2])
    html = client.get(f"/cs/projects/{project.slug}/").content.decode()
    assert "Kritéria dobré praxe" in html
    assert html.count("criterion-met") == 2 and html.count("criterion-unmet") == 3
    english = client.get(f"/en/projects/{project.slug}/").content.decode()
    assert "Clear objectives" in english and "Not met" in english


def test_methodology_page_lists_the_criteria_in_both_languages(client):
    assert "Jasné cíle" in client.get("/cs/methodology/").content.decode()
    html = client.get("/en/methodology/").content.decode()
    assert "Conditions for transfer stated" in html and "Impact evaluation" in html
