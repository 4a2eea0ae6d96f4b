"""The editors' queue of suggestions: read, turn into a draft, decline with a reason."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from suggestions import services
from suggestions.models import Suggestion


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for declining"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Kept with the suggestion, so that other editors know why."),
    )


@admin.register(Suggestion)
class SuggestionAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "catalogue", "entry_link", "state", "created_at"]
    list_filter = ["state", "kind", "catalogue"]
    search_fields = ["title", "description", "organisation", "place"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "kind",
        "catalogue",
        "entry_link",
        "title",
        "description",
        "place",
        "organisation",
        "source_url",
        "submitter_name",
        "submitter_email",
        "submitter_organisation",
        "language",
        "state",
        "decline_reason",
        "draft_link",
        "created_at",
        "handled_at",
        "handled_by",
        "anonymised_at",
    ]
    fieldsets = [
        (_("Suggestion"), {"fields": ["kind", "catalogue", "entry_link", "title", "description"]}),
        (_("Details"), {"fields": ["place", "organisation", "source_url", "language"]}),
        (
            _("Submitter (for the editors only; never published or exported)"),
            {"fields": ["submitter_name", "submitter_email", "submitter_organisation"]},
        ),
        (
            _("Handling"),
            {
                "fields": [
                    "state",
                    "decline_reason",
                    "draft_link",
                    "created_at",
                    "handled_at",
                    "handled_by",
                    "anonymised_at",
                ]
            },
        ),
    ]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("entry to correct"))
    def entry_link(self, obj):
        if not obj.entry_slug:
            return "—"
        model = services.catalogue_model(obj.catalogue)
        entry = model._default_manager.filter(slug=obj.entry_slug).first()
        if entry is None:
            return obj.entry_slug
        opts = model._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[entry.pk])
        return format_html('<a href="{}">{}</a>', url, entry)

    @admin.display(description=_("draft made from it"))
    def draft_link(self, obj):
        if not obj.draft_slug:
            return "—"
        model = services.catalogue_model(obj.catalogue)
        entry = model._default_manager.filter(slug=obj.draft_slug).first()
        if entry is None:
            return gettext("%(slug)s (not saved yet)") % {"slug": obj.draft_slug}
        opts = model._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[entry.pk])
        return format_html('<a href="{}">{}</a>', url, entry)

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("<int:pk>/draft/", wrap(self.draft_view), name="suggestions_suggestion_draft"),
            path(
                "<int:pk>/decline/", wrap(self.decline_view), name="suggestions_suggestion_decline"
            ),
            path(
                "<int:pk>/resolve/", wrap(self.resolve_view), name="suggestions_suggestion_resolve"
            ),
            *super().get_urls(),
        ]

    def _handle(self, request, pk):
        suggestion = get_object_or_404(Suggestion, pk=pk)
        if not self.has_change_permission(request, suggestion):
            raise PermissionDenied
        return suggestion

    def _may_add_entry(self, request, suggestion) -> bool:
        opts = services.catalogue_model(suggestion.catalogue)._meta
        return request.user.has_perm(f"{opts.app_label}.add_{opts.model_name}")

    def draft_view(self, request, pk):
        suggestion = self._handle(request, pk)
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if suggestion.kind != Suggestion.Kind.NEW_ENTRY or not self._may_add_entry(
            request, suggestion
        ):
            raise PermissionDenied
        url = services.create_draft(suggestion, by=request.user)
        self.message_user(request, gettext("A draft was made from the suggestion; complete it."))
        return redirect(url)

    def resolve_view(self, request, pk):
        suggestion = self._handle(request, pk)
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        services.resolve(suggestion, by=request.user)
        self.message_user(request, gettext("The suggestion is marked as corrected."))
        return redirect("admin:suggestions_suggestion_changelist")

    def decline_view(self, request, pk):
        suggestion = self._handle(request, pk)
        form = DeclineForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            services.decline(suggestion, reason=form.cleaned_data["reason"], by=request.user)
            self.message_user(request, gettext("The suggestion was declined."), messages.SUCCESS)
            return redirect("admin:suggestions_suggestion_changelist")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": suggestion,
            "form": form,
            "title": gettext("Decline the suggestion"),
        }
        return TemplateResponse(request, "admin/suggestions/suggestion/decline.html", context)
