"""Two-factor authentication in the admin (django-otp: TOTP apps and recovery codes).

Publishers and superusers must set up an authenticator app before they may use the admin;
editors may set one up. Whoever has one gives its six-digit code (or a one-time recovery
code) at every login.
"""

import segno
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.admin import AdminSite
from django.contrib.admin.forms import AdminAuthenticationForm
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.forms import OTPAuthenticationFormMixin
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

RECOVERY_CODES = 10


def requires_two_factor(user) -> bool:
    """Those who publish, and superusers, must use a second factor."""
    if not settings.TWO_FACTOR_REQUIRED or not user.is_authenticated:
        return False
    return user.is_superuser or any(
        permission.split(".", 1)[1].startswith("publish_")
        for permission in user.get_all_permissions()
    )


class LoginForm(OTPAuthenticationFormMixin, AdminAuthenticationForm):
    """Password, and for whoever has set up two-factor authentication, its code."""

    otp_token = forms.CharField(
        label=_("Code from the authenticator app, or a recovery code"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
    otp_error_messages = {
        **OTPAuthenticationFormMixin.otp_error_messages,
        "token_required": _("Enter the code from your authenticator app (or a recovery code)."),
        "invalid_token": _("The code is not valid. Enter the current code from the app."),
        "device_required": _("The code is not valid. Enter the current code from the app."),
    }

    def _chosen_device(self, user):
        # Six digits come from the app; anything else is one of the recovery codes.
        token = (self.cleaned_data.get("otp_token") or "").strip()
        model = TOTPDevice if token.isdigit() else StaticDevice
        return model.objects.filter(user=user, confirmed=True).first()

    def clean(self):
        cleaned_data = super().clean()
        user = self.get_user()
        if user is not None and user_has_device(user, confirmed=True):
            self.clean_otp(user)
        return cleaned_data


class PlatformAdminSite(AdminSite):
    login_form = LoginForm
    login_template = "admin/login_two_factor.html"

    def has_permission(self, request):
        # A user with a second factor uses the admin only in a session verified with it.
        user = request.user
        return super().has_permission(request) and (
            user.is_verified() or not user_has_device(user, confirmed=True)
        )

    def get_urls(self):
        return [
            path("two-factor/", self.admin_view(self.two_factor_view), name="two_factor"),
            *super().get_urls(),
        ]

    def two_factor_view(self, request):
        user = request.user
        context = {
            **self.each_context(request),
            "title": gettext("Two-factor authentication"),
            "required": requires_two_factor(user),
        }
        confirmed = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if confirmed is not None:
            if request.method == "POST" and "new_recovery_codes" in request.POST:
                context["recovery_codes"] = new_recovery_codes(user)
            context["enabled"] = True
            return TemplateResponse(request, "admin/two_factor.html", context)

        device, _created = TOTPDevice.objects.get_or_create(
            user=user, confirmed=False, defaults={"name": "authenticator"}
        )
        if request.method == "POST":
            token = (request.POST.get("token") or "").replace(" ", "")
            if token.isdigit() and device.verify_token(token):
                device.confirmed = True
                device.save()
                otp_login(request, device)
                context["recovery_codes"] = new_recovery_codes(user)
                context["enabled"] = True
                messages.success(request, gettext("Two-factor authentication is on."))
                return TemplateResponse(request, "admin/two_factor.html", context)
            context["error"] = gettext(
                "The code is not valid. Check the time on your phone and enter the current code."
            )
        context["qr_svg"] = segno.make(device.config_url, error="m").svg_inline(scale=4)
        context["secret"] = " ".join(
            device.config_url.split("secret=")[1].split("&")[0][i : i + 4] for i in range(0, 32, 4)
        ).strip()
        return TemplateResponse(request, "admin/two_factor.html", context)


def new_recovery_codes(user) -> list[str]:
    """Replace the user's recovery codes with fresh ones; each works once."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name="recovery", defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


class TwoFactorRequiredMiddleware:
    """Sends publishers and superusers without a second factor to set one up first."""

    ALLOWED = ("two-factor/", "logout/", "jsi18n/", "login/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        admin_root = reverse("admin:index")
        if (
            request.path_info.startswith(admin_root)
            and not request.path_info[len(admin_root) :].startswith(self.ALLOWED)
            and getattr(request, "user", None) is not None
            and request.user.is_authenticated
            and request.user.is_staff
            and requires_two_factor(request.user)
            and not user_has_device(request.user, confirmed=True)
        ):
            messages.warning(
                request,
                gettext(
                    "Your role needs two-factor authentication. Set it up before you continue."
                ),
            )
            return redirect("admin:two_factor")
        return self.get_response(request)
