"""Staff preview entries the public cannot see yet; anonymous visitors get 404."""

import pytest
from django.urls import reverse
from django.utils import translation

from catalogue.models import Status
from tests.factories import make_instrument, make_project, make_strategy

pytestmark = pytest.mark.django_db

BUILDERS = {"projects": make_project, "instruments": make_instrument, "strategies": make_strategy}


def detail_url(app, entry, language="cs"):
    with translation.override(language):
        return reverse(f"{app}:detail", kwargs={"slug": entry.slug})


@pytest.mark.parametrize("app", list(BUILDERS))
@pytest.mark.parametrize("status", [Status.DRAFT, Status.REVIEW, Status.ARCHIVED])
def test_unpublished_entry_is_404_for_anonymous(client, app, status):
    entry = BUILDERS[app](status=status)
    for language in ("cs", "en"):
        assert client.get(detail_url(app, entry, language)).status_code == 404


@pytest.mark.parametrize("app", list(BUILDERS))
def test_draft_shows_a_banner_to_staff(client, editor, app):
    entry = BUILDERS[app](status=Status.DRAFT, title_en="Draft entry title")
    client.force_login(editor)
    response = client.get(detail_url(app, entry, "en"))
    assert response.status_code == 200
    content = response.content.decode()
    assert 'class="draft-banner"' in content
    assert "Draft — not public." in content
    assert "signed in as staff" in content
    assert '<meta name="robots" content="noindex, nofollow">' in content


def test_review_and_archived_banners_say_what_they_are(client, editor):
    client.force_login(editor)
    in_review = make_project(status=Status.REVIEW)
    archived = make_project(status=Status.ARCHIVED)
    assert (
        "In review — not public."
        in client.get(detail_url("projects", in_review, "en")).content.decode()
    )
    assert (
        "Archived — no longer public."
        in client.get(detail_url("projects", archived, "en")).content.decode()
    )


def test_published_entry_has_no_banner_even_for_staff(client, editor):
    client.force_login(editor)
    entry = make_project()
    content = client.get(detail_url("projects", entry, "en")).content.decode()
    assert 'class="draft-banner"' not in content


def test_staff_preview_still_lists_only_published_related_entries(client, editor):
    from projects.models import FundingLine

    client.force_login(editor)
    draft = make_project(status=Status.DRAFT)
    FundingLine.objects.create(
        project=draft, instrument=make_instrument(title_en="Unpublished grant", status=Status.DRAFT)
    )
    content = client.get(detail_url("projects", draft, "en")).content.decode()
    assert "Unpublished grant" not in content


def test_non_staff_signed_in_user_gets_404(client, django_user_model):
    user = django_user_model.objects.create_user("reader", password="reader-pass")
    client.force_login(user)
    draft = make_project(status=Status.DRAFT)
    assert client.get(detail_url("projects", draft)).status_code == 404


@pytest.mark.parametrize("app", list(BUILDERS))
def test_staff_without_the_change_permission_get_no_preview(client, staff_user, app):
    entry = BUILDERS[app](status=Status.DRAFT)
    client.force_login(staff_user)
    assert client.get(detail_url(app, entry, "en")).status_code == 404


def test_a_preview_is_never_stored_by_shared_caches(client, editor):
    draft = make_project(status=Status.DRAFT)
    client.force_login(editor)
    response = client.get(detail_url("projects", draft, "en"))
    assert "private" in response["Cache-Control"]
