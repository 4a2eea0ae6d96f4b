"""A change proposed to a published entry waits for a publisher; the site shows the published
version until the publisher reviews the field-by-field difference and publishes it."""

import pytest
from django.urls import reverse
from django.utils import translation

from catalogue.models import Revision, Status
from projects.models import KeyFigure
from tests.factories import make_project, make_theme

pytestmark = pytest.mark.django_db


def posted_form(response) -> dict:
    """What the change form on this page would post as it stands."""
    data = {}

    def put(form, name):
        value = form[name].value()
        key = form.add_prefix(name)
        if value is None or value is False:
            return
        if value is True:
            data[key] = "on"
        elif isinstance(value, list | tuple):
            data[key] = [str(getattr(item, "pk", item)) for item in value]
        else:
            data[key] = str(value)

    data[response.context["edit_base_field"]] = response.context["edit_base"]
    form = response.context["adminform"].form
    for name in form.fields:
        put(form, name)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for name in formset.management_form.fields:
            data[f"{formset.prefix}-{name}"] = str(formset.management_form[name].value())
        for row in formset.forms:
            for name in row.fields:
                put(row, name)
    return data


def urls(project):
    propose = reverse("admin:projects_project_propose", args=[project.pk])
    change = reverse("admin:projects_project_change", args=[project.pk])
    return propose, change


def public_title(client, project):
    with translation.override("cs"):
        page = client.get(project.get_absolute_url())
    return page.content.decode()


@pytest.fixture
def published():
    return make_project(title_cs="Poradna pro cizince", summary_cs="Rady k pobytu.")


def propose(client, editor, project, **changes):
    client.force_login(editor)
    propose_url, _change = urls(project)
    data = posted_form(client.get(propose_url))
    data.update(changes)
    response = client.post(propose_url, data)
    client.logout()
    return response


def test_an_editor_is_offered_to_propose_a_change_to_a_published_entry(client, editor, published):
    client.force_login(editor)
    propose_url, change_url = urls(published)
    assert propose_url in client.get(change_url).content.decode()
    page = client.get(propose_url)
    assert page.status_code == 200
    assert 'name="title_cs"' in page.content.decode()


def test_a_proposal_changes_nothing_until_it_is_published(client, editor, published):
    response = propose(
        client, editor, published, title_cs="Poradna pro cizince a cizinky", review_note="Název"
    )
    assert response.status_code == 302
    revision = Revision.objects.get()
    assert revision.state == Revision.State.PENDING
    assert revision.created_by == editor and revision.note == "Název"
    published.refresh_from_db()
    assert published.title_cs == "Poradna pro cizince"
    assert published.status == Status.PUBLISHED
    page = public_title(client, published)
    assert "Poradna pro cizince" in page and "cizinky" not in page


def test_the_publisher_sees_each_change_and_publishes_it(client, editor, publisher, published):
    theme = make_theme(name_cs="Bydlení", name_en="Housing")
    changes = {
        "title_cs": "Poradna pro cizince a cizinky",
        "summary_en": "Advice on residence.",
        "themes": [str(theme.pk)],
        "key_figures-TOTAL_FORMS": "1",
        "key_figures-0-label_cs": "klientů",
        "key_figures-0-label_en": "clients",
        "key_figures-0-value": "120",
        "key_figures-0-position": "0",
    }
    assert propose(client, editor, published, **changes).status_code == 302
    revision = Revision.objects.get()
    client.force_login(publisher)
    review_url = reverse("admin:projects_project_proposal", args=[published.pk, revision.pk])
    assert review_url in client.get(urls(published)[1]).content.decode()
    review = client.get(review_url)
    assert review.status_code == 200
    changed = [(row["old"], row["new"]) for row in review.context["fields"]]
    assert ("Poradna pro cizince", "Poradna pro cizince a cizinky") in changed
    assert any(new == "Advice on residence." for _old, new in changed)  # the English summary
    assert ("—", "Bydlení") in changed or ("—", "Housing") in changed
    assert any(row["kind"] and row["fields"] for row in review.context["rows"])
    response = client.post(review_url, {"_publish": "1"})
    assert response.status_code == 302
    published.refresh_from_db()
    assert published.title_cs == "Poradna pro cizince a cizinky"
    assert published.summary_en == "Advice on residence."
    assert list(published.themes.all()) == [theme]
    assert KeyFigure.objects.get(project=published).value == 120
    assert published.status == Status.PUBLISHED
    revision.refresh_from_db()
    assert revision.state == Revision.State.PUBLISHED and revision.decided_by == publisher
    assert "cizinky" in public_title(client, published)


def test_a_declined_proposal_leaves_the_entry_as_it_was(client, editor, publisher, published):
    propose(client, editor, published, title_cs="Jiný název")
    revision = Revision.objects.get()
    client.force_login(publisher)
    review_url = reverse("admin:projects_project_proposal", args=[published.pk, revision.pk])
    client.post(review_url, {"_decline": "1"})
    revision.refresh_from_db()
    published.refresh_from_db()
    assert revision.state == Revision.State.DECLINED
    assert published.title_cs == "Poradna pro cizince"
    # A decided proposal cannot be published afterwards.
    client.post(review_url, {"_publish": "1"})
    published.refresh_from_db()
    assert published.title_cs == "Poradna pro cizince"


def test_a_proposal_made_before_another_change_is_not_published_over_it(
    client, editor, publisher, published
):
    propose(client, editor, published, title_cs="Návrh z minulého týdne")
    revision = Revision.objects.get()
    published.summary_cs = "Shrnutí změněné mezitím."
    published.save()
    client.force_login(publisher)
    review_url = reverse("admin:projects_project_proposal", args=[published.pk, revision.pk])
    review = client.get(review_url)
    assert review.context["valid"] is False
    client.post(review_url, {"_publish": "1"})
    published.refresh_from_db()
    assert published.title_cs == "Poradna pro cizince"
    assert published.summary_cs == "Shrnutí změněné mezitím."


def test_publishing_a_proposal_is_one_version_in_the_history(client, editor, publisher, published):
    theme = make_theme()
    propose(client, editor, published, title_cs="Nový název", themes=[str(theme.pk)])
    revision = Revision.objects.get()
    before = published.history.count()
    client.force_login(publisher)
    review_url = reverse("admin:projects_project_proposal", args=[published.pk, revision.pk])
    client.post(review_url, {"_publish": "1"})
    assert published.history.count() == before + 1


def test_a_proposal_carries_no_workflow_step(client, editor, published):
    propose(client, editor, published, title_cs="Jiný název", _workflow_unpublish="1")
    published.refresh_from_db()
    assert published.status == Status.PUBLISHED
    assert "_workflow_unpublish" not in Revision.objects.get().form_data


def test_who_may_propose_and_who_may_review(client, editor, publisher, published):
    propose_url, _change = urls(published)
    client.force_login(publisher)
    assert client.get(propose_url).status_code == 403  # publishers edit directly
    draft = make_project(status=Status.DRAFT)
    client.force_login(editor)
    assert client.get(urls(draft)[0]).status_code == 403  # drafts are edited directly
    propose(client, editor, published, title_cs="Jiný název")
    revision = Revision.objects.get()
    client.force_login(editor)
    review_url = reverse("admin:projects_project_proposal", args=[published.pk, revision.pk])
    assert client.get(review_url).status_code == 403
    client.logout()
    assert client.get(review_url).status_code == 302  # to the login page
