"""What every admin page of the platform shares: the site header, self-hosted translation
tabs, history, the editorial workflow and import/export."""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin import SimpleListFilter
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F, Q
from django.forms.models import _get_foreign_key
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportMixin
from import_export.formats import base_formats
from import_export.forms import SelectableFieldsExportForm
from modeltranslation import settings as mt_settings
from modeltranslation.admin import (
    TabbedTranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)
from simple_history.admin import SimpleHistoryAdmin

from catalogue import concurrency, history, history_log, import_templates, workflow
from catalogue.imports import SpreadsheetCSV, WorkbookXLSX, import_report
from catalogue.languages import PRIMARY_LANGUAGE, empty_in, filled_in
from catalogue.models import Status
from catalogue.revisions import ProposedChangesMixin
from catalogue.search import update_search_document
from taxonomy.models import Place

admin.site.site_header = _("Integration platform: editors' administration")
admin.site.site_title = _("Integration platform administration")
admin.site.index_title = _("Catalogues and reference data")

# Titles of the sections of the change forms.
SECTION_TEXT = _("Description")
SECTION_FACTS = _("Facts")
SECTION_ASSESSMENT = _("Assessment")
SECTION_CLASSIFICATION = _("Themes, target groups, places and sources")
SECTION_RECORD = _("Record of changes")

# The languages an import template comes in, each named in its own language.
TEMPLATE_LANGUAGES = (("cs", "česky"), ("en", "English"))

# jQuery UI (only the tabs widget) served from the project's own static files.
JQUERY_UI = "vendor/jquery-ui/jquery-ui.tabs.js"


def self_hosted(media: forms.Media) -> forms.Media:
    """The same media with modeltranslation's CDN copy of jQuery UI replaced by ours."""
    js = [JQUERY_UI if path == mt_settings.JQUERY_UI_URL else path for path in media._js]
    return forms.Media(js=js, css=media._css)


class GuardedHistoryAdmin(SimpleHistoryAdmin):
    """The history of every save, whose restore form is no side door around permissions.

    django-simple-history lets anyone who may view an object post its history form,
    which saves the chosen version over the live object. Here a POST needs what a save
    through the change form needs: the change permission on the live object (for a
    published or archived entry, the publish permission too).
    """

    object_history_template = "admin/catalogue/object_history.html"
    object_history_form_template = "admin/catalogue/object_history_form.html"
    history_list_per_page = 25

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form = with_change_reason(self.form)

    # --- the change reason an editor may type ----------------------------------------------

    def get_fieldsets(self, request, obj=None):
        fieldsets = [
            (name, {**options, "fields": without_change_reason(options["fields"])})
            for name, options in super().get_fieldsets(request, obj)
        ]
        if self.may_give_reason(request, obj):
            fieldsets.append((None, {"fields": (CHANGE_REASON_FIELD,)}))
        return fieldsets

    def may_give_reason(self, request, obj) -> bool:
        if getattr(request, "proposing_change", False):
            return False  # the note for the reviewer says why
        if obj is None:
            return self.has_add_permission(request)
        return self.has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        history.set_typed_reason(obj, form.cleaned_data.get(CHANGE_REASON_FIELD, ""))
        if getattr(request, "restoring_version", False):
            obj._change_reason = str(history_log.RESTORED)
        super().save_model(request, obj, form, change)

    # --- the history page: one row per save, as an editor reads it ---------------------------

    def history_view_title(self, request, obj):
        return gettext("History of changes: %(entry)s") % {"entry": obj}

    def history_form_view_title(self, request, obj):
        if self.revert_disabled(request, obj):
            return gettext("An earlier version: %(entry)s") % {"entry": obj}
        return gettext("Restore an earlier version: %(entry)s") % {"entry": obj}

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        records = list(historical_records)
        older = records[-1].prev_record if records else None
        versions = history_log.versions(records, self.row_models(), older=older)
        for record, version in zip(records, versions, strict=True):
            record.version = version

    # --- viewing and restoring a version ---------------------------------------------------

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method != "POST":
            return super().history_form_view(request, object_id, version_id, extra_context)
        if not self.may_restore(request, object_id):
            raise PermissionDenied
        request.restoring_version = True
        # Restoring a version is one new version: its fields, links and rows together.
        with history.one_version():
            response = super().history_form_view(request, object_id, version_id, extra_context)
            if response.status_code == 302:
                version = self.model.history.get(pk=version_id)
                entry = self.model._default_manager.get(pk=version.instance.pk)
                history.restore_links(entry, version)
                history.restore_rows(entry, version, self.row_models())
        return response

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method != "POST":
            return super().changeform_view(request, object_id, form_url, extra_context)
        # One save is one version: the entry, its links and its rows.
        with history.one_version():
            return super().changeform_view(request, object_id, form_url, extra_context)

    def row_models(self):
        """(model, name of its foreign key to this model) of each inline's rows."""
        return [
            (inline.model, _get_foreign_key(self.model, inline.model, inline.fk_name).name)
            for inline in self.inlines
        ]

    def may_restore(self, request, object_id) -> bool:
        live = self.get_object(request, object_id)
        if live is None:
            # Restoring a deleted object creates it again.
            return self.has_add_permission(request) and self.has_change_permission(request)
        return self.has_change_permission(request, live) and not locked_for(request.user, live)


CHANGE_REASON_FIELD = "change_reason"


def with_change_reason(form_class):
    """``form_class`` with the optional change reason the history shows with the version."""
    if CHANGE_REASON_FIELD in form_class.base_fields:
        return form_class
    reason = forms.CharField(
        label=_("Change reason"),
        required=False,
        max_length=500,
        widget=forms.TextInput(attrs={"class": "vLargeTextField"}),
        help_text=_(
            "Optional: what you changed and why, in a few words. The history shows it "
            "with this version."
        ),
    )
    return type(form_class.__name__, (form_class,), {CHANGE_REASON_FIELD: reason})


def without_change_reason(fields):
    result = []
    for item in fields:
        if isinstance(item, list | tuple):
            item = type(item)(without_change_reason(item))
            if item:
                result.append(item)
        elif item != CHANGE_REASON_FIELD:
            result.append(item)
    return tuple(result)


class TranslatedAdmin(GuardedHistoryAdmin, TabbedTranslationAdmin):
    """Czech and English side by side in tabs, with the full history of every save.

    SimpleHistoryAdmin comes first so that its history views and save_model wrap the
    translation admin's; both end in Django's ModelAdmin.
    """

    list_per_page = 50

    class Media:
        # Shadows TabbedTranslationAdmin.Media for subclasses, which would otherwise add the
        # CDN script again on top of the media property below.
        js = (JQUERY_UI,)

    @property
    def media(self):
        return self_hosted(super().media)


def locked_for(user, entry) -> bool:
    """A published or archived entry is changed only by those who may publish it."""
    return (
        entry is not None
        and getattr(entry, "status", None) in (Status.PUBLISHED, Status.ARCHIVED)
        and not workflow.can_publish(user, type(entry))
    )


def is_locked(request, entry) -> bool:
    """Locked for this request; proposing a change (catalogue.revisions) saves nothing, so
    the form and its rows stay open for it."""
    return not getattr(request, "proposing_change", False) and locked_for(request.user, entry)


class FollowsParentLock:
    """Rows of an entry (partners, funding lines, steps) are locked with the entry."""

    def has_add_permission(self, request, obj=None):
        return not is_locked(request, obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not is_locked(request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not is_locked(request, obj) and super().has_delete_permission(request, obj)


class TranslatedTabularInline(FollowsParentLock, TranslationTabularInline):
    extra = 0


class TranslatedStackedInline(FollowsParentLock, TranslationStackedInline):
    extra = 0


class PlaceFilter(SimpleListFilter):
    """Places the entries are linked to; a region also finds the entries of its municipalities."""

    title = _("place")
    parameter_name = "place"

    def lookups(self, request, model_admin):
        related_name = model_admin.model._meta.model_name
        places = Place.objects.filter(
            Q(**{f"{related_name}__isnull": False})
            | Q(kind__in=[Place.Kind.COUNTRY, Place.Kind.REGION])
        ).distinct()
        return [(str(place.pk), str(place)) for place in places.order_by("kind", "name")]

    def queryset(self, request, queryset):
        value = self.value()
        if not value or not value.isdigit():
            return queryset
        return queryset.filter(places__in=Place.objects.with_descendants([int(value)])).distinct()


class EnglishTranslationFilter(SimpleListFilter):
    """Entries with a Czech text whose English version is still missing."""

    title = _("English translation")
    parameter_name = "english"

    def lookups(self, request, model_admin):
        return [
            ("missing", _("something is missing")),
            ("out_of_date", _("out of date")),
            ("complete", _("complete")),
        ]

    def queryset(self, request, queryset):
        missing = Q()
        for name in queryset.model.translated_fields:
            missing |= filled_in(name, PRIMARY_LANGUAGE) & empty_in(name, "en")
        if self.value() == "missing":
            return queryset.filter(missing)
        if self.value() == "complete":
            return queryset.exclude(missing)
        if self.value() == "out_of_date":
            return queryset.exclude(missing).filter(czech_changed_at__gt=F("english_changed_at"))
        return queryset


class LabelledExportForm(SelectableFieldsExportForm):
    """The export form's checkboxes named by the columns' labels, not by their field names."""

    def _get_field_label(self, resource, field_name):
        field = resource.fields.get(field_name)
        return resource().column_label(field) if field is not None else field_name


def describe_problem(problem) -> str:
    """One problem of an import as a sentence: where it is, then what it is."""
    place = gettext("Sheet “%(sheet)s”") % {"sheet": problem.sheet}
    if problem.row is not None:
        place += ", " + gettext("row %(row)s") % {"row": problem.row}
    if problem.column is not None:
        place += ", " + gettext("column “%(column)s”") % {"column": problem.column}
    return f"{place}: {problem.message}"


class ImportExportAdmin(ImportExportMixin):
    """Import and export from the admin, for those who may add and change the entries.

    A file larger than IMPORT_MAX_FILE_SIZE is refused before it is read; the file waits
    for its confirmation in the shared cache (see catalogue.imports). The import page
    offers a template (XLSX with its help, or CSV) and reports each problem by sheet,
    row and column.
    """

    export_form_class = LabelledExportForm

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "import/template.<str:file_format>",
                self.admin_site.admin_view(self.import_template_view),
                name=f"{opts.app_label}_{opts.model_name}_import_template",
            ),
            *super().get_urls(),
        ]

    def get_import_formats(self):
        ours = {base_formats.XLSX: WorkbookXLSX, base_formats.CSV: SpreadsheetCSV}
        return [ours.get(file_format, file_format) for file_format in super().get_import_formats()]

    def import_template_resource(self, request):
        return self.get_import_resource_classes(request)[0]()

    def import_template_view(self, request, file_format):
        if not self.has_import_permission(request):
            raise PermissionDenied
        if file_format not in import_templates.CONTENT_TYPES:
            raise Http404
        language = request.GET.get("language")
        if language not in dict(settings.LANGUAGES):
            language = translation.get_language()
        with translation.override(language):
            resource = self.import_template_resource(request)
            build = import_templates.xlsx_template if file_format == "xlsx" else None
            content = build(resource) if build else import_templates.csv_template(resource)
        response = HttpResponse(content, content_type=import_templates.CONTENT_TYPES[file_format])
        name = f"{self.model._meta.model_name}-import-template-{language}.{file_format}"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response

    def import_template_links(self):
        opts = self.model._meta
        url_name = f"admin:{opts.app_label}_{opts.model_name}_import_template"
        return [
            (
                f"{file_format.upper()} ({language_name})",
                f"{reverse(url_name, args=[file_format])}?language={code}",
            )
            for file_format in ("xlsx", "csv")
            for code, language_name in TEMPLATE_LANGUAGES
        ]

    def import_action(self, request, **kwargs):
        if request.method == "POST" and self._import_too_large(request):
            limit = filesizeformat(settings.IMPORT_MAX_FILE_SIZE)
            self.message_user(
                request,
                gettext("The file is too large to import: at most %(limit)s.") % {"limit": limit},
                messages.ERROR,
            )
            return HttpResponseRedirect(request.path)
        response = super().import_action(request, **kwargs)
        if isinstance(response, TemplateResponse) and response.context_data is not None:
            self._add_import_help(request, response.context_data)
        return response

    def _add_import_help(self, request, context):
        resource = self.import_template_resource(request)
        context["import_templates"] = self.import_template_links()
        context["import_general_help"] = import_templates.general_help(resource)
        context["import_column_help"] = import_templates.workbook_help(resource)
        context["fields_list"] = [
            (part.sheet_title(), list(part.column_labels().values()))
            for part in import_templates.template_resources(resource)
        ]
        result = context.get("result")
        if result is not None:
            context["import_report"] = import_report(result, resource)

    def add_data_read_fail_error_to_form(self, form, e):
        form.add_error(
            "import_file",
            gettext(
                "The file cannot be read in the chosen format. Choose the format the file is "
                "saved in (XLSX or CSV in UTF-8) and check that the file is not damaged."
            ),
        )

    def process_result(self, result, request):
        # The file may have changed meaning since its preview (another editor published an
        # entry of it meanwhile): then nothing was saved, and the editor learns why.
        if result.has_errors() or result.has_validation_errors():
            for problem in import_report(result, self.import_template_resource(request)):
                self.message_user(request, describe_problem(problem), messages.ERROR)
            opts = self.model._meta
            return HttpResponseRedirect(reverse(f"admin:{opts.app_label}_{opts.model_name}_import"))
        return super().process_result(result, request)

    def add_success_message(self, result, request):
        super().add_success_message(result, request)
        for summary in getattr(result, "sheet_summaries", []):
            self.message_user(request, summary, messages.SUCCESS)

    @staticmethod
    def _import_too_large(request) -> bool:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        # The form around the file adds a little; the file itself is checked once read.
        if length > settings.IMPORT_MAX_FILE_SIZE + 64 * 1024:
            return True
        upload = request.FILES.get("import_file")
        return upload is not None and upload.size > settings.IMPORT_MAX_FILE_SIZE

    def process_import(self, request, **kwargs):
        if request.method == "POST":
            storage = self.get_tmp_storage_class()(name=request.POST.get("import_file_name", ""))
            if hasattr(storage, "exists") and not storage.exists():
                self.message_user(
                    request,
                    gettext(
                        "The file waiting for confirmation is no longer kept (a file is kept "
                        "for %(minutes)d minutes). Please choose it and import it again."
                    )
                    % {"minutes": settings.IMPORT_FILE_LIFETIME // 60},
                    messages.ERROR,
                )
                opts = self.model._meta
                return HttpResponseRedirect(
                    reverse(f"admin:{opts.app_label}_{opts.model_name}_import")
                )
        return super().process_import(request, **kwargs)

    def has_import_permission(self, request):
        return self.has_add_permission(request) and self.has_change_permission(request)

    def has_export_permission(self, request):
        return self.has_view_or_change_permission(request)


class PublishableAdmin(ProposedChangesMixin, ImportExportAdmin, TranslatedAdmin):
    """A catalogue entry (project, instrument, strategy) under the editorial workflow.

    Editors write drafts and submit them for review; only publishers publish, unpublish
    and archive, and only they change an entry once it is published. The status field is read-only for everyone without the publish
    permission, and the server keeps the stored status whatever such a user posts.
    """

    change_form_template = "admin/catalogue/publishable/change_form.html"
    list_display = (
        "title",
        "status",
        "english_translation",
        "updated_at",
        "updated_by",
        "preview_link",
    )
    list_display_links = ("title",)
    list_select_related = ("updated_by",)
    search_fields = ("title_cs", "title_en", "summary_cs", "summary_en", "slug")
    search_help_text = _("Searches titles and summaries in Czech and English, and the slug.")
    prepopulated_fields = {"slug": ("title",)}
    classification_filters = ("themes", "target_groups", PlaceFilter, EnglishTranslationFilter)
    classification_fields = ("themes", "target_groups", "places", "sources")
    # The record of the entry: who did what when; only the verification date is typed in.
    record_fields = (
        "verified_on",
        "published_at",
        "created_at",
        "created_by",
        "updated_at",
        "updated_by",
        "czech_changed_at",
        "english_changed_at",
    )
    readonly_fields = tuple(name for name in record_fields if name != "verified_on")
    actions = (
        "submit_for_review_selected",
        "publish_selected",
        "unpublish_selected",
        "archive_selected",
    )
    view_on_site = True

    # --- permissions -------------------------------------------------------------------

    def has_publish_permission(self, request, obj=None):
        return workflow.can_publish(request.user, self.model)

    def has_change_permission(self, request, obj=None):
        # Editors change drafts and entries in review; a published or archived entry is
        # theirs to view until a publisher returns it to draft.
        return not is_locked(request, obj) and super().has_change_permission(request, obj)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not self.has_publish_permission(request):
            fields.append("status")
        return fields

    # --- no lost updates -------------------------------------------------------------------

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change=change, **kwargs)
        row_models = self.row_models()

        class RefusesStaleSaves(form_class):
            def clean(self):
                cleaned_data = super().clean()
                base = concurrency.parse_edit_base(self.data.get(concurrency.EDIT_BASE_FIELD))
                if base is not None and self.instance.pk is not None:
                    # Locked until this save commits, so two saves cannot both pass the check.
                    current = (
                        type(self.instance)
                        .objects.select_for_update()
                        .filter(pk=self.instance.pk)
                        .values_list("updated_at", flat=True)
                        .first()
                    )
                    if current is not None and current != base:
                        changes = concurrency.changes_since(self.instance, base, row_models)
                        if changes is not None:
                            raise ValidationError(
                                concurrency.conflict_message(changes), code="edit_conflict"
                            )
                return cleaned_data

        RefusesStaleSaves.__name__ = form_class.__name__
        return RefusesStaleSaves

    def get_fieldsets(self, request, obj=None):
        """Every entry's form has the note for the reviewer right after its first section."""
        fieldsets = list(super().get_fieldsets(request, obj))
        if any("review_note" in options["fields"] for _name, options in fieldsets):
            return fieldsets
        review = (_("Review"), {"fields": ("review_note",)})
        return [*fieldsets[:1], review, *fieldsets[1:]]

    # --- saving --------------------------------------------------------------------------

    def save_model(self, request, obj, form, change):
        if not self.has_publish_permission(request):
            # Whatever was posted (or restored from an old version), a person without the
            # publish permission never changes the status by saving; see the workflow steps.
            obj.status = (
                type(obj).objects.filter(pk=obj.pk).values_list("status", flat=True).first()
                if change
                else None
            ) or Status.DRAFT
        if not change:
            obj.created_by = request.user
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # The search document was written when the entry itself was saved, before its
        # links and rows (themes, places, partners, funding): write it again with them.
        if not getattr(request, "proposing_change", False):
            update_search_document(form.instance)

    # --- workflow buttons on the change form -----------------------------------------------

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        steps = workflow.allowed_transitions(obj, request.user) if obj is not None else []
        if obj is None and workflow.can_edit(request.user, self.model):
            steps = ["submit_for_review"]
        context["workflow_buttons"] = [(f"_workflow_{name}", BUTTON_LABELS[name]) for name in steps]
        # The version this form was opened on; a refused save keeps the one first opened.
        context["edit_base_field"] = concurrency.EDIT_BASE_FIELD
        context["edit_base"] = (
            request.POST.get(concurrency.EDIT_BASE_FIELD)
            if request.method == "POST" and concurrency.EDIT_BASE_FIELD in request.POST
            else concurrency.edit_base(obj)
        )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _apply_workflow_button(self, request, obj):
        for name, step in workflow.STEPS.items():
            if f"_workflow_{name}" in request.POST:
                try:
                    step(obj, by=request.user)  # PermissionDenied → 403, nothing is saved
                except ValidationError as error:
                    self.message_user(request, " ".join(error.messages), messages.ERROR)
                else:
                    self.message_user(request, workflow_message(name, 1), messages.SUCCESS)
                opts = self.opts
                return HttpResponseRedirect(
                    reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
                )
        return None

    def response_add(self, request, obj, post_url_continue=None):
        return self._apply_workflow_button(request, obj) or super().response_add(
            request, obj, post_url_continue
        )

    def response_change(self, request, obj):
        return self._apply_workflow_button(request, obj) or super().response_change(request, obj)

    # --- list columns ------------------------------------------------------------------

    @admin.display(description=_("missing in English"))
    def english_translation(self, obj):
        missing = obj.missing_translations()
        if missing:
            return ", ".join(str(self.model._meta.get_field(name).verbose_name) for name in missing)
        if obj.english_out_of_date:
            return gettext("out of date: the Czech text changed on %(date)s") % {
                "date": date_format(timezone.localtime(obj.czech_changed_at), "SHORT_DATE_FORMAT")
            }
        return "✓"

    @admin.display(description=_("on the site"))
    def preview_link(self, obj):
        label = gettext("View") if obj.status == Status.PUBLISHED else gettext("Preview")
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), label)

    # --- admin actions -------------------------------------------------------------------

    def _run_action(self, request, queryset, name):
        done, refused = 0, []
        for entry in queryset:
            try:
                workflow.STEPS[name](entry, by=request.user)
            except ValidationError as error:
                refused.append(f"{entry}: {' '.join(error.messages)}")
            else:
                done += 1
        if done:
            self.message_user(request, workflow_message(name, done), messages.SUCCESS)
        for message in refused:
            self.message_user(request, message, messages.WARNING)

    @admin.action(permissions=["change"], description=_("Submit the selected entries for review"))
    def submit_for_review_selected(self, request, queryset):
        self._run_action(request, queryset, "submit_for_review")

    @admin.action(permissions=["publish"], description=_("Publish the selected entries"))
    def publish_selected(self, request, queryset):
        self._run_action(request, queryset, "publish")

    @admin.action(permissions=["publish"], description=_("Return the selected entries to draft"))
    def unpublish_selected(self, request, queryset):
        self._run_action(request, queryset, "unpublish")

    @admin.action(permissions=["publish"], description=_("Archive the selected entries"))
    def archive_selected(self, request, queryset):
        self._run_action(request, queryset, "archive")


BUTTON_LABELS = {
    "submit_for_review": _("Save and submit for review"),
    "withdraw": _("Save and withdraw from review"),
    "publish": _("Save and publish"),
    "unpublish": _("Save and return to draft"),
    "archive": _("Save and archive"),
}


def workflow_message(name: str, count: int) -> str:
    messages_by_step = {
        "submit_for_review": ngettext(
            "%(count)d entry was submitted for review.",
            "%(count)d entries were submitted for review.",
            count,
        ),
        "withdraw": ngettext(
            "%(count)d entry was withdrawn from review.",
            "%(count)d entries were withdrawn from review.",
            count,
        ),
        "publish": ngettext(
            "%(count)d entry was published.", "%(count)d entries were published.", count
        ),
        "unpublish": ngettext(
            "%(count)d entry was returned to draft.",
            "%(count)d entries were returned to draft.",
            count,
        ),
        "archive": ngettext(
            "%(count)d entry was archived.", "%(count)d entries were archived.", count
        ),
    }
    return capfirst(messages_by_step[name] % {"count": count})
