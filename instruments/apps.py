from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InstrumentsConfig(AppConfig):
    name = "instruments"
    verbose_name = _("Instruments")

    def ready(self):
        from catalogue import registry
        from instruments import phrases
        from instruments.models import Instrument

        registry.register(
            registry.Catalogue(
                key="instruments",
                model=Instrument,
                label=_("Instruments"),
                filterset="instruments.filters.InstrumentFilter",
                columns="instruments.columns.instrument_columns",
                serializer="instruments.serializers.InstrumentSerializer",
                viewset="instruments.api.InstrumentViewSet",
                vocabularies="instruments.columns.vocabularies",
                detail_select=("administrator", "parent", "successor"),
                detail_prefetch="instruments.views.detail_prefetch",
                related="instruments.related.instrument_related",
                position=20,
                provides=("funding", "coverage"),
                compare_rows="instruments.compare.rows",
                compare_queryset="instruments.compare.queryset",
                phrases={
                    "tagline": _("Funding, legislation and methods you can use."),
                    "place": _("instruments tied to this place"),
                    "api": _("instruments"),
                    "short": phrases.SHORT,
                    "count": phrases.count,
                    "coverage": phrases.coverage,
                    "suggestion_title": _(
                        "Name of the instrument (programme, grant, law, institution …)"
                    ),
                    "suggestion_description": _(
                        "What it offers, who may use it (municipalities, NGOs, schools …) and "
                        "where it is described."
                    ),
                },
                # The deadlines of any filtered instrument list have an iCal feed (the calendar).
                ical_url_name="calendar-ical",
                roles={
                    "Editors": {"instrument": ("add", "change", "view")},
                    "Publishers": {"instrument": ("add", "change", "view", "publish")},
                },
            )
        )
        registry.contribute_panel(
            "organisations",
            "administered_instruments",
            "instruments.related.instruments_administered_by",
        )
