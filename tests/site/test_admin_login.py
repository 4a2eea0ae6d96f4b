"""The admin login resists password guessing, and publishers log in with a second factor."""

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"


@pytest.fixture
def lockout(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 5


@pytest.fixture
def two_factor(settings):
    settings.TWO_FACTOR_REQUIRED = True


def log_in(client, username, password, token=None, address="198.51.100.1", language="en"):
    data = {"username": username, "password": password, "next": "/admin/"}
    if token is not None:
        data["otp_token"] = token
    client.cookies["django_language"] = language
    return client.post(LOGIN, data, REMOTE_ADDR=address)


def test_fifty_bad_passwords_are_not_all_answered(client, lockout, editor):
    answers = [log_in(client, "editor", f"guess-{n}").status_code for n in range(50)]
    # The login form again, with an error, until the fifth failure locks the account out.
    assert answers[:4] == [200] * 4
    assert set(answers[4:]) == {429}
    # Locked out, even the right password does not get in for now.
    response = log_in(client, "editor", "editor-pass")
    assert response.status_code == 429


@pytest.mark.parametrize(
    ("language", "text"),
    [("cs", "Přihlášení je dočasně zablokováno"), ("en", "Logging in is temporarily locked")],
)
def test_a_locked_out_editor_is_told_why_and_how_to_get_back_in(
    client, lockout, editor, language, text
):
    for n in range(6):
        response = log_in(client, "editor", f"guess-{n}", language=language)
    page = response.content.decode()
    assert response.status_code == 429
    assert text in page
    assert "15" in page  # minutes until the next try
    assert "správce" in page and "administrator" in page


def test_one_address_trying_many_accounts_is_locked_out(client, lockout, editor):
    answers = [log_in(client, f"user-{n}", "guess").status_code for n in range(8)]
    assert answers[-1] == 429
    # Another address is not affected.
    assert log_in(client, "editor", "editor-pass", address="203.0.113.9").status_code == 302


def set_up_second_factor(client):
    page = client.get(reverse("admin:two_factor"))
    device = TOTPDevice.objects.get(user=page.context["user"], confirmed=False)
    response = client.post(
        reverse("admin:two_factor"), {"token": str(totp(device.bin_key)).zfill(6)}
    )
    assert response.status_code == 200
    return device, response.context["recovery_codes"]


def test_publisher_sets_up_a_second_factor_then_needs_it_to_log_in(client, two_factor, publisher):
    assert log_in(client, "publisher", "publisher-pass").status_code == 302
    # Until a second factor is set up, every admin page leads to its set-up.
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302 and response["Location"] == reverse("admin:two_factor")
    device, recovery_codes = set_up_second_factor(client)
    assert len(recovery_codes) == 10
    assert client.get(reverse("admin:index")).status_code == 200
    client.logout()

    refused = log_in(client, "publisher", "publisher-pass")
    assert refused.status_code == 200
    assert "authenticator app" in refused.content.decode()
    assert client.get(reverse("admin:index")).status_code == 302

    device.refresh_from_db()
    device.last_t = -1  # the set-up code was used; the app shows the same one for 30 s
    device.save()
    assert (
        log_in(client, "publisher", "publisher-pass", token=totp(device.bin_key)).status_code == 302
    )
    assert client.get(reverse("admin:index")).status_code == 200


def test_a_recovery_code_logs_in_once(client, two_factor, publisher):
    log_in(client, "publisher", "publisher-pass")
    _device, recovery_codes = set_up_second_factor(client)
    client.logout()
    code = recovery_codes[0]
    assert log_in(client, "publisher", "publisher-pass", token=code).status_code == 302
    client.logout()
    assert log_in(client, "publisher", "publisher-pass", token=code).status_code == 200


def test_an_editor_may_opt_in_but_need_not(client, two_factor, editor, django_user_model):
    assert log_in(client, "editor", "editor-pass").status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200
    set_up_second_factor(client)
    client.logout()
    assert log_in(client, "editor", "editor-pass").status_code == 200


def test_superuser_needs_a_second_factor(client, two_factor, django_user_model):
    django_user_model.objects.create_superuser("root", password="root-pass")
    log_in(client, "root", "root-pass")
    assert client.get(reverse("admin:index"))["Location"] == reverse("admin:two_factor")


def test_staff_sessions_end_when_idle_and_with_the_browser(settings):
    assert settings.SESSION_COOKIE_AGE == 2 * 60 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
