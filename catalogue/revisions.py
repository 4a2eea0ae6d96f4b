"""Changes proposed to published entries: made by editors, reviewed and published by publishers.

An editor may not change a published entry, but may propose a change in the same
form. The proposal is kept as the form was sent (a ``Revision``) and the public page
keeps showing the published version. A publisher sees the proposal field by field
against the live entry, inline rows and links included, and publishes it through the
same validation and saving as any edit, or declines it.
"""

import copy

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponseRedirect, QueryDict
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext

from catalogue import history, workflow
from catalogue.models import Revision, Status

EMPTY = "—"
NOT_PROPOSED = ("csrfmiddlewaretoken",)


def pending_revisions(entry):
    return Revision.objects.filter(
        content_type=ContentType.objects.get_for_model(entry),
        object_id=entry.pk,
        state=Revision.State.PENDING,
    ).select_related("created_by")


def display(field, value) -> str:
    """A form value as a person reads it: names of linked entries, labels of choices."""
    if value in (None, "", [], ()):
        return EMPTY
    if isinstance(field, forms.ModelMultipleChoiceField):
        pks = [getattr(item, "pk", item) for item in value]
        names = sorted(
            str(item) for item in field.queryset.model._default_manager.filter(pk__in=pks)
        )
        return ", ".join(names) or EMPTY
    if isinstance(field, forms.ModelChoiceField):
        pk = getattr(value, "pk", value)
        item = field.queryset.model._default_manager.filter(pk=pk).first()
        return str(item) if item else EMPTY
    if isinstance(field, forms.BooleanField):
        return gettext("yes") if value else gettext("no")
    if isinstance(field, forms.ChoiceField):
        labels = {str(key): label for key, label in field.choices}
        if isinstance(value, list | tuple):
            return ", ".join(str(labels.get(str(item), item)) for item in value)
        return str(labels.get(str(value), value))
    return str(value)


def changed_fields(form) -> list[dict]:
    rows = []
    for name in form.changed_data:
        field = form.fields[name]
        new = form.cleaned_data.get(name) if hasattr(form, "cleaned_data") else form.data.get(name)
        old = form.initial.get(name)
        if display(field, old) == display(field, new):
            continue  # e.g. a date typed in another format
        rows.append({"label": field.label, "old": display(field, old), "new": display(field, new)})
    return rows


def changed_rows(formsets) -> list[dict]:
    """What a proposal does to the inline rows: rows added, changed and removed."""
    result = []
    for formset in formsets:
        group = formset.model._meta.verbose_name_plural
        deleted = set(getattr(formset, "deleted_forms", []) or [])
        for form in formset.forms:
            if form in deleted and form.instance.pk:
                result.append(
                    {
                        "group": group,
                        "kind": gettext("removed"),
                        "row": str(form.instance),
                        "fields": [],
                    }
                )
            elif not form.has_changed():
                continue
            elif form.instance.pk is None:
                fields = [row for row in changed_fields(form) if row["new"] != EMPTY]
                result.append(
                    {"group": group, "kind": gettext("added"), "row": "", "fields": fields}
                )
            else:
                fields = changed_fields(form)
                if fields:
                    result.append(
                        {
                            "group": group,
                            "kind": gettext("changed"),
                            "row": str(form.instance),
                            "fields": fields,
                        }
                    )
    return result


class ProposedChangesMixin:
    """Admin views to propose a change to a published entry and to review it."""

    def get_urls(self):
        opts = self.model._meta
        name = f"{opts.app_label}_{opts.model_name}"
        wrap = self.admin_site.admin_view
        return [
            path("<path:object_id>/propose/", wrap(self.propose_view), name=f"{name}_propose"),
            path(
                "<path:object_id>/proposals/<int:revision_id>/",
                wrap(self.proposal_view),
                name=f"{name}_proposal",
            ),
            *super().get_urls(),
        ]

    # --- proposing ---------------------------------------------------------------------

    def may_propose(self, request, obj) -> bool:
        """Those locked out of a published or archived entry may still propose a change."""
        if obj is None or obj.status not in (Status.PUBLISHED, Status.ARCHIVED):
            return False
        if workflow.can_publish(request.user, type(obj)):
            return False
        return workflow.can_edit(request.user, type(obj))

    def propose_view(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        if not self.may_propose(request, obj):
            raise PermissionDenied
        request.proposing_change = True
        if request.method == "POST":
            # Only the content is proposed; no workflow step goes with it.
            request.POST = request.POST.copy()
            for key in [key for key in request.POST if key.startswith("_workflow_")]:
                del request.POST[key]
        extra = {"proposing_change": True, "title": gettext("Propose a change")}
        return self.changeform_view(request, object_id, extra_context=extra)

    def save_model(self, request, obj, form, change):
        if not getattr(request, "proposing_change", False):
            return super().save_model(request, obj, form, change)
        data = {key: request.POST.getlist(key) for key in request.POST if key not in NOT_PROPOSED}
        request.proposed_revision = Revision.objects.create(
            content_type=ContentType.objects.get_for_model(obj),
            object_id=obj.pk,
            form_data=data,
            note=request.POST.get("review_note", ""),
            created_by=request.user,
        )

    def save_related(self, request, form, formsets, change):
        if not getattr(request, "proposing_change", False):
            super().save_related(request, form, formsets, change)

    def construct_change_message(self, request, form, formsets, add=False):
        if getattr(request, "proposing_change", False):
            return []  # nothing was saved, so there is nothing to log
        return super().construct_change_message(request, form, formsets, add)

    def log_change(self, request, obj, message):
        if not getattr(request, "proposing_change", False):
            return super().log_change(request, obj, message)

    def response_change(self, request, obj):
        if getattr(request, "proposing_change", False):
            self.message_user(
                request,
                gettext(
                    "Your change waits for a publisher. Until it is published, the site shows "
                    "the published version."
                ),
                messages.SUCCESS,
            )
            opts = self.model._meta
            return HttpResponseRedirect(
                reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
            )
        return super().response_change(request, obj)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if getattr(request, "proposing_change", False):
            context.update(
                workflow_buttons=[],
                show_save_and_add_another=False,
                show_save_and_continue=False,
                show_delete_link=False,
            )
        elif obj is not None:
            context["may_propose"] = self.may_propose(request, obj)
            context["pending_revisions"] = list(pending_revisions(obj))
            context["may_review_revisions"] = workflow.can_publish(request.user, type(obj))
        return super().render_change_form(request, context, add, change, form_url, obj)

    # --- reviewing ---------------------------------------------------------------------

    def _bind_revision(self, request, obj, revision):
        """The change form and inline formsets bound to the proposal, against the live entry."""
        proposal = copy.copy(request)
        proposal.method = "POST"
        # Set both, or reading FILES would parse the (GET) request again and lose POST.
        proposal._files = MultiValueDict()
        proposal.POST = QueryDict(mutable=True)
        for key, values in revision.form_data.items():
            proposal.POST.setlist(key, values)
        # The editor could not set the status; the publisher's form needs it unchanged.
        proposal.POST.setdefault("status", obj.status)
        form_class = self.get_form(proposal, obj, change=True)
        form = form_class(proposal.POST, proposal.FILES, instance=obj)
        valid = form.is_valid()
        new_object = self.save_form(proposal, form, change=True) if valid else obj
        formsets, _inlines = self._create_formsets(proposal, new_object, change=True)
        valid = all([formset.is_valid() for formset in formsets]) and valid
        return proposal, form, formsets, new_object, valid

    def proposal_view(self, request, object_id, revision_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        revision = get_object_or_404(
            Revision,
            pk=revision_id,
            content_type=ContentType.objects.get_for_model(obj),
            object_id=obj.pk,
        )
        if not workflow.can_publish(request.user, type(obj)):
            raise PermissionDenied
        opts = self.model._meta
        change_url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
        pending = revision.state == Revision.State.PENDING
        if request.method == "POST" and pending and "_decline" in request.POST:
            self._decide(revision, Revision.State.DECLINED, request.user)
            self.message_user(request, gettext("The proposed change was declined."))
            return HttpResponseRedirect(change_url)
        publishing = request.method == "POST" and pending and "_publish" in request.POST
        # The proposal is checked (and saved) as one locked version, like any edit.
        with transaction.atomic(), history.one_version():
            proposal, form, formsets, new_object, valid = self._bind_revision(
                request, obj, revision
            )
            if publishing and valid:
                new_object._change_reason = gettext("Proposed change published")
                self.save_model(proposal, new_object, form, change=True)
                self.save_related(proposal, form, formsets, change=True)
                message = self.construct_change_message(proposal, form, formsets, False)
                self.log_change(proposal, new_object, message)
                self._decide(revision, Revision.State.PUBLISHED, request.user)
        if publishing and valid:
            self.message_user(request, gettext("The proposed change is published."))
            return HttpResponseRedirect(change_url)
        context = {
            **self.admin_site.each_context(request),
            "opts": opts,
            "original": obj,
            "revision": revision,
            "pending": pending,
            "valid": valid,
            "errors": form.errors,
            "formset_errors": [
                error
                for formset in formsets
                for error in [*formset.errors, *formset.non_form_errors()]
                if error
            ],
            "fields": changed_fields(form) if valid else [],
            "rows": changed_rows(formsets) if valid else [],
            "change_url": change_url,
            "title": gettext("Proposed change to “%(entry)s”") % {"entry": obj},
        }
        return TemplateResponse(request, "admin/catalogue/publishable/proposal.html", context)

    @staticmethod
    def _decide(revision, state, user):
        revision.state = state
        revision.decided_by = user
        revision.decided_at = timezone.now()
        revision.save(update_fields=["state", "decided_by", "decided_at"])
