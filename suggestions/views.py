from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language, gettext
from django.views.decorators.cache import never_cache

from catalogue.registry import catalogues
from suggestions import services
from suggestions.forms import SuggestionForm
from suggestions.models import Suggestion


def rate_limit_message():
    return gettext(
        "You have sent several suggestions in a short time. Please wait an hour and send this "
        "one again; what you typed is still here."
    )


def index(request):
    choices = [
        {"key": entry.key, "name": entry.model._meta.verbose_name_plural} for entry in catalogues()
    ]
    context = {"catalogues": choices, "retention_days": settings.SUGGESTION_RETENTION_DAYS}
    return render(request, "suggestions/index.html", context)


def _model_or_404(key: str):
    if key not in services.catalogue_keys():
        raise Http404
    return services.catalogue_model(key)


@never_cache
def new_entry(request, catalogue):
    model = _model_or_404(catalogue)
    return _suggest(request, catalogue=catalogue, model=model, entry=None)


@never_cache
def correction(request, catalogue, slug):
    model = _model_or_404(catalogue)
    entry = get_object_or_404(model.objects.published(), slug=slug)
    return _suggest(request, catalogue=catalogue, model=model, entry=entry)


def _suggest(request, *, catalogue, model, entry):
    correcting = entry is not None
    status = 200
    if request.method == "POST":
        form = SuggestionForm(request.POST, catalogue=catalogue, correction=correcting)
        if form.is_bot:
            # Answer a bot as if it had succeeded, and keep nothing.
            return redirect("suggestions:thanks")
        if services.over_rate_limit(request):
            status = 429
            form.is_valid()
            form.add_error(None, rate_limit_message())
        elif form.is_valid():
            suggestion = form.save(commit=False)
            suggestion.kind = (
                Suggestion.Kind.CORRECTION if correcting else Suggestion.Kind.NEW_ENTRY
            )
            suggestion.catalogue = catalogue
            suggestion.entry_slug = entry.slug if correcting else ""
            suggestion.language = get_language()
            suggestion.save()
            services.count_submission(request)
            return redirect("suggestions:thanks")
        else:
            status = 400
    else:
        form = SuggestionForm(catalogue=catalogue, correction=correcting)
    context = {
        "form": form,
        "catalogue": catalogue,
        "catalogue_name": model._meta.verbose_name_plural,
        "entry": entry,
        "retention_days": settings.SUGGESTION_RETENTION_DAYS,
    }
    return render(request, "suggestions/form.html", context, status=status)


def thanks(request):
    return render(request, "suggestions/thanks.html")
