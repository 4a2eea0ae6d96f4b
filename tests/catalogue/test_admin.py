"""The editors' admin: Czech first, self-hosted scripts, fixed query counts, the workflow enforced."""

import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.urls import reverse

from catalogue.models import Status
from projects.models import Project
from strategies.models import Step
from tests.factories import (
    make_instrument,
    make_organisation,
    make_place,
    make_project,
    make_scenario,
    make_source,
    make_step,
    make_strategy,
    make_target_group,
    make_theme,
    project_form_data,
)

# Every model in the admin, with a builder of one entry of it.
ADMIN_MODELS = {
    "projects.project": make_project,
    "instruments.instrument": make_instrument,
    "strategies.strategy": make_strategy,
    "strategies.scenario": make_scenario,
    "taxonomy.theme": make_theme,
    "taxonomy.targetgroup": make_target_group,
    "taxonomy.place": make_place,
    "taxonomy.organisation": make_organisation,
    "taxonomy.source": make_source,
}


def admin_url(label, view, *args):
    app_label, model_name = label.split(".")
    return reverse(f"admin:{app_label}_{model_name}_{view}", args=args)


@pytest.fixture
def superuser(db):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_superuser("root", password="root-pass")


# --- language -------------------------------------------------------------------------


@pytest.mark.django_db
def test_admin_speaks_czech_by_default_and_english_on_request(client, publisher):
    client.force_login(publisher)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    assert '<html lang="cs"' in response.content.decode()
    response = client.post(
        reverse("set_language"), {"language": "en", "next": reverse("admin:index")}
    )
    assert response.status_code == 302
    response = client.get(reverse("admin:index"))
    assert '<html lang="en"' in response.content.decode()


@pytest.mark.django_db
def test_admin_stays_czech_for_an_english_browser_until_english_is_chosen(client, publisher):
    client.force_login(publisher)
    html = client.get(
        reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9"
    ).content.decode()
    assert '<html lang="cs"' in html
    client.post(reverse("set_language"), {"language": "en", "next": reverse("admin:index")})
    html = client.get(
        reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9"
    ).content.decode()
    assert '<html lang="en"' in html


@pytest.mark.django_db
def test_public_pages_still_follow_the_browser_language(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert response.status_code == 302
    assert response["Location"] == "/en/"


@pytest.mark.django_db
def test_admin_header_offers_a_language_switch(client, publisher):
    client.force_login(publisher)
    html = client.get(reverse("admin:index")).content.decode()
    assert f'action="{reverse("set_language")}"' in html
    assert 'name="language" value="en"' in html


# --- pages and scripts ----------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("label", ADMIN_MODELS)
def test_every_admin_page_answers(client, superuser, label):
    entry = ADMIN_MODELS[label]()
    client.force_login(superuser)
    for url in (
        admin_url(label, "changelist"),
        admin_url(label, "add"),
        admin_url(label, "change", entry.pk),
        admin_url(label, "history", entry.pk),
        admin_url(label, "import"),
        admin_url(label, "export"),
    ):
        assert client.get(url).status_code == 200, url


@pytest.mark.django_db
@pytest.mark.parametrize("label", ADMIN_MODELS)
def test_change_form_loads_no_script_from_another_host(client, superuser, label):
    entry = ADMIN_MODELS[label]()
    client.force_login(superuser)
    html = client.get(admin_url(label, "change", entry.pk)).content.decode()
    sources = re.findall(r'<script[^>]*\ssrc="([^"]+)"', html)
    assert sources, "the change form loads scripts"
    remote = [src for src in sources if src.startswith("//") or "://" in src]
    assert remote == []


@pytest.mark.django_db
@pytest.mark.parametrize("label", ["projects.project", "strategies.strategy", "taxonomy.theme"])
def test_translated_forms_load_the_self_hosted_translation_tabs(client, superuser, label):
    entry = ADMIN_MODELS[label]()
    client.force_login(superuser)
    html = client.get(admin_url(label, "change", entry.pk)).content.decode()
    assert 'src="/static/vendor/jquery-ui/jquery-ui.tabs.js"' in html
    assert "modeltranslation/js/tabbed_translation_fields.js" in html
    assert "ajax.googleapis.com" not in html


# --- lists ----------------------------------------------------------------------------


def changelist_queries(client, label, count):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make = ADMIN_MODELS[label]
    for _ in range(count):
        entry = make()
        if hasattr(entry, "themes"):
            entry.themes.add(make_theme())
            entry.places.add(make_place())
    with CaptureQueriesContext(connection) as queries:
        response = client.get(admin_url(label, "changelist"))
    assert response.status_code == 200
    return len(queries)


@pytest.mark.django_db
@pytest.mark.parametrize("label", ADMIN_MODELS)
def test_changelist_uses_a_fixed_number_of_queries(client, superuser, label):
    client.force_login(superuser)
    with_three = changelist_queries(client, label, 3)
    with_thirty = changelist_queries(client, label, 27)
    assert with_thirty == with_three


@pytest.mark.django_db
def test_changelist_shows_status_missing_english_and_who_changed_it(client, editor):
    make_project(title_cs="Jen česky", title_en="", summary_en="", status=Status.DRAFT)
    Project.objects.update(updated_by=editor)
    client.force_login(editor)
    html = client.get(admin_url("projects.project", "changelist")).content.decode()
    assert "Jen česky" in html
    assert "editor" in html
    project = Project.objects.get()
    assert project.missing_translations() == ["title", "summary"]
    assert str(Project._meta.get_field("summary").verbose_name) in html


@pytest.mark.django_db
def test_search_finds_entries_by_their_english_title(client, editor):
    make_project(title_cs="Tlumočení ve školách", title_en="Interpreting at schools")
    make_project(title_cs="Jiný projekt", title_en="Another project")
    client.force_login(editor)
    response = client.get(admin_url("projects.project", "changelist"), {"q": "interpreting"})
    assert response.context["cl"].result_count == 1


@pytest.mark.django_db
def test_changelist_filters_by_status_and_place_with_its_municipalities(client, editor):
    region = make_place(kind="region")
    town = make_place(parent=region)
    in_town = make_project(status=Status.DRAFT)
    in_town.places.add(town)
    make_project(status=Status.PUBLISHED)
    client.force_login(editor)
    url = admin_url("projects.project", "changelist")
    assert client.get(url, {"status__exact": "draft"}).context["cl"].result_count == 1
    response = client.get(url, {"place": str(region.pk)})
    assert list(response.context["cl"].result_list) == [in_town]


@pytest.mark.django_db
def test_autocomplete_of_organisations_answers_editors(client, editor):
    make_organisation(name_cs="Centrum pro integraci cizinců", acronym="CPIC")
    client.force_login(editor)
    response = client.get(
        reverse("admin:autocomplete"),
        {
            "term": "CPIC",
            "app_label": "projects",
            "model_name": "project",
            "field_name": "lead_organisation",
        },
    )
    assert response.status_code == 200
    assert len(response.json()["results"]) == 1


@pytest.mark.django_db
def test_strategy_steps_are_edited_in_phase_order(client, superuser):
    strategy = make_strategy()
    late = make_step(strategy, phase=Step.Phase.LONG_TERM, position=0, title_cs="Dlouhodobě")
    second = make_step(strategy, phase=Step.Phase.PREPARE, position=2, title_cs="Druhý")
    first = make_step(strategy, phase=Step.Phase.PREPARE, position=1, title_cs="První")
    client.force_login(superuser)
    response = client.get(admin_url("strategies.strategy", "change", strategy.pk))
    formset = response.context["inline_admin_formsets"][0].formset
    assert [form.instance for form in formset.forms if form.instance.pk] == [first, second, late]


# --- workflow -------------------------------------------------------------------------


@pytest.mark.django_db
def test_status_field_is_read_only_for_editors_and_editable_for_publishers(
    client, editor, publisher
):
    project = make_project(status=Status.DRAFT)
    url = admin_url("projects.project", "change", project.pk)
    client.force_login(editor)
    assert 'name="status"' not in client.get(url).content.decode()
    client.force_login(publisher)
    assert 'name="status"' in client.get(url).content.decode()


@pytest.mark.django_db
def test_editor_forged_status_post_does_not_publish(client, editor):
    project = make_project(status=Status.DRAFT, slug="adaptacni-kurzy")
    client.force_login(editor)
    response = client.post(
        admin_url("projects.project", "change", project.pk),
        project_form_data(status="published", summary_cs="Změněné shrnutí."),
    )
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.summary_cs == "Změněné shrnutí."
    assert project.status == Status.DRAFT
    assert not Project.objects.published().exists()


@pytest.mark.django_db
def test_editor_forged_publish_button_is_refused_and_saves_nothing(client, editor):
    project = make_project(status=Status.REVIEW, slug="adaptacni-kurzy")
    client.force_login(editor)
    response = client.post(
        admin_url("projects.project", "change", project.pk),
        project_form_data(summary_cs="Změna", _workflow_publish="1"),
    )
    assert response.status_code == 403
    project.refresh_from_db()
    assert project.status == Status.REVIEW
    assert project.summary_cs != "Změna"


@pytest.mark.django_db
def test_editor_publish_action_is_refused(client, editor):
    project = make_project(status=Status.REVIEW)
    client.force_login(editor)
    url = admin_url("projects.project", "changelist")
    actions = client.get(url).context["action_form"].fields["action"].choices
    assert "publish_selected" not in [name for name, _label in actions]
    assert "submit_for_review_selected" in [name for name, _label in actions]
    client.post(url, {"action": "publish_selected", "_selected_action": [project.pk]})
    project.refresh_from_db()
    assert project.status == Status.REVIEW


@pytest.mark.django_db
def test_publisher_publish_action_publishes(client, publisher):
    entries = [make_project(status=Status.REVIEW), make_project(status=Status.DRAFT)]
    client.force_login(publisher)
    response = client.post(
        admin_url("projects.project", "changelist"),
        {"action": "publish_selected", "_selected_action": [entry.pk for entry in entries]},
    )
    assert response.status_code == 302
    assert Project.objects.published().count() == 2


@pytest.mark.django_db
def test_publisher_archives_and_unpublishes_by_action(client, publisher):
    project = make_project(status=Status.PUBLISHED)
    client.force_login(publisher)
    url = admin_url("projects.project", "changelist")
    client.post(url, {"action": "archive_selected", "_selected_action": [project.pk]})
    assert Project.objects.get().status == Status.ARCHIVED
    client.post(url, {"action": "unpublish_selected", "_selected_action": [project.pk]})
    assert Project.objects.get().status == Status.DRAFT


@pytest.mark.django_db
def test_publisher_may_publish_through_the_status_field(client, publisher):
    project = make_project(status=Status.REVIEW, slug="adaptacni-kurzy")
    client.force_login(publisher)
    response = client.post(
        admin_url("projects.project", "change", project.pk),
        project_form_data(status="published"),
    )
    assert response.status_code == 302
    assert Project.objects.published().get() == project


@pytest.mark.django_db
def test_publish_button_without_czech_summary_explains_instead_of_publishing(client, publisher):
    project = make_project(status=Status.REVIEW, slug="adaptacni-kurzy")
    client.force_login(publisher)
    response = client.post(
        admin_url("projects.project", "change", project.pk),
        project_form_data(status="review", summary_cs="", _workflow_publish="1"),
    )
    assert response.status_code == 200
    assert "summary_cs" in response.context["adminform"].form.errors
    project.refresh_from_db()
    assert project.status == Status.REVIEW


@pytest.mark.django_db
def test_change_form_offers_the_buttons_of_the_role(client, editor, publisher):
    project = make_project(status=Status.REVIEW)
    url = admin_url("projects.project", "change", project.pk)
    client.force_login(editor)
    html = client.get(url).content.decode()
    assert 'name="_workflow_publish"' not in html
    client.force_login(publisher)
    html = client.get(url).content.decode()
    assert 'name="_workflow_publish"' in html
    assert 'name="_workflow_archive"' in html


@pytest.mark.django_db
@pytest.mark.parametrize("user_fixture", ["editor", "publisher"])
def test_nobody_in_the_groups_may_delete_an_entry(client, request, user_fixture):
    project = make_project(status=Status.DRAFT)
    client.force_login(request.getfixturevalue(user_fixture))
    response = client.post(admin_url("projects.project", "delete", project.pk), {"post": "yes"})
    assert response.status_code == 403
    assert Project.objects.filter(pk=project.pk).exists()


@pytest.mark.django_db
def test_view_on_site_opens_a_draft(client, editor):
    project = make_project(status=Status.DRAFT)
    client.force_login(editor)
    content_type = ContentType.objects.get_for_model(Project)
    response = client.get(reverse("admin:view_on_site", args=[content_type.pk, project.pk]))
    assert response.status_code == 302
    assert response.url.endswith(project.get_absolute_url())
    html = client.get(admin_url("projects.project", "change", project.pk)).content.decode()
    assert reverse("admin:view_on_site", args=[content_type.pk, project.pk]) in html


@pytest.mark.django_db
def test_save_records_who_created_and_changed_the_entry(client, editor, publisher):
    client.force_login(editor)
    response = client.post(admin_url("projects.project", "add"), project_form_data())
    assert response.status_code == 302
    project = Project.objects.get()
    assert (project.created_by, project.updated_by, project.status) == (editor, editor, "draft")
    client.force_login(publisher)
    client.post(
        admin_url("projects.project", "change", project.pk), project_form_data(status="draft")
    )
    project.refresh_from_db()
    assert (project.created_by, project.updated_by) == (editor, publisher)


# --- demo accounts --------------------------------------------------------------------


@pytest.mark.django_db
def test_demo_users_are_created_only_in_debug_on_the_embedded_database(settings, capsys, client):
    from django.contrib.auth import get_user_model

    settings.DEBUG, settings.EMBEDDED_DATABASE = False, True
    call_command("create_demo_users")
    assert not get_user_model().objects.exists()
    settings.DEBUG, settings.EMBEDDED_DATABASE = True, False
    call_command("create_demo_users")
    assert not get_user_model().objects.exists()
    settings.DEBUG, settings.EMBEDDED_DATABASE = True, True
    call_command("create_demo_users")
    call_command("create_demo_users")
    output = capsys.readouterr().out
    assert "http://127.0.0.1:8000/admin/" in output
    assert "demo-editor" in output and "demo-publisher" in output
    editor = get_user_model().objects.get(username="demo-editor")
    assert editor.is_staff and not editor.is_superuser
    assert list(editor.groups.values_list("name", flat=True)) == ["Editors"]
    assert client.login(username="demo-publisher", password="demo-publisher-pass")


@pytest.mark.django_db
def test_setup_site_never_creates_demo_accounts(settings, tmp_path, monkeypatch):
    from django.contrib.auth import get_user_model

    from platform_site.management.commands import setup_site

    monkeypatch.setattr(setup_site, "FIXTURES_DIR", tmp_path)
    settings.DEBUG = True
    call_command("setup_site")
    assert not get_user_model().objects.exists()


@pytest.mark.django_db
def test_published_entry_is_read_only_for_editors(client, editor, publisher):
    project = make_project(status=Status.PUBLISHED, slug="adaptacni-kurzy", title_cs="Původní")
    url = admin_url("projects.project", "change", project.pk)
    client.force_login(editor)
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="title_cs"' not in page.content.decode()
    response = client.post(url, project_form_data(title_cs="Přepsáno"))
    assert response.status_code == 403
    project.refresh_from_db()
    assert project.title_cs == "Původní"
    client.force_login(publisher)
    assert 'name="title_cs"' in client.get(url).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("make", [make_project, make_instrument, make_strategy])
def test_preview_from_the_admin_shows_the_draft_with_its_banner(client, editor, make):
    entry = make(status=Status.DRAFT)
    content_type = ContentType.objects.get_for_model(type(entry))
    client.force_login(editor)
    response = client.get(
        reverse("admin:view_on_site", args=[content_type.pk, entry.pk]), follow=True
    )
    assert response.status_code == 200
    assert 'class="draft-banner"' in response.content.decode()
    client.logout()
    assert client.get(entry.get_absolute_url()).status_code == 404


@pytest.mark.django_db
def test_changelist_filters_entries_missing_english(client, editor):
    missing = make_project(title_en="", status=Status.DRAFT)
    complete = make_project(status=Status.DRAFT)
    client.force_login(editor)
    url = admin_url("projects.project", "changelist")
    assert list(client.get(url, {"english": "missing"}).context["cl"].result_list) == [missing]
    assert list(client.get(url, {"english": "complete"}).context["cl"].result_list) == [complete]


@pytest.mark.django_db
def test_editor_cannot_import_vocabularies_they_may_only_view(client, editor, publisher):
    client.force_login(editor)
    assert client.get(admin_url("taxonomy.theme", "import")).status_code == 403
    assert client.get(admin_url("taxonomy.theme", "export")).status_code == 200
    assert client.get(admin_url("taxonomy.organisation", "import")).status_code == 200
    client.force_login(publisher)
    assert client.get(admin_url("taxonomy.theme", "import")).status_code == 200
