from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("Projects")

    def ready(self):
        from catalogue import registry
        from projects import phrases
        from projects.models import Project

        registry.register(
            registry.Catalogue(
                key="projects",
                model=Project,
                label=_("Projects"),
                filterset="projects.filters.ProjectFilter",
                columns="projects.columns.project_columns",
                serializer="projects.serializers.ProjectSerializer",
                viewset="projects.api.ProjectViewSet",
                vocabularies="projects.columns.vocabularies",
                detail_select=("lead_organisation",),
                detail_prefetch="projects.views.detail_prefetch",
                related="projects.related.project_related",
                related_ordering=("-start_year", "slug"),
                position=10,
                provides=("coverage", "practice"),
                part_models={
                    "funding_line": "projects.FundingLine",
                    "good_practice_criterion": "projects.GoodPracticeCriterion",
                },
                compare_rows="projects.compare.rows",
                compare_queryset="projects.compare.queryset",
                phrases={
                    "tagline": _("What has been tried, and did it work?"),
                    "place": _("projects"),
                    "api": _("projects"),
                    "short": phrases.SHORT,
                    "count": phrases.count,
                    "coverage": phrases.coverage,
                    "suggestion_title": _("Name of the project"),
                    "suggestion_description": _(
                        "What the project does, for whom, when it ran and what it achieved, "
                        "as far as you know."
                    ),
                },
                suggestion_fields=("place",),
                home_context="projects.views.home_context",
                roles={
                    # Rows inside an entry (a partner, a funding line) may be removed by whoever
                    # edits the entry; the entries themselves are never deleted, only archived.
                    "Editors": {
                        "project": ("add", "change", "view"),
                        "partnership": ("add", "change", "delete", "view"),
                        "fundingline": ("add", "change", "delete", "view"),
                        "keyfigure": ("add", "change", "delete", "view"),
                        "goodpracticecriterion": ("view",),
                    },
                    "Publishers": {
                        "project": ("add", "change", "view", "publish"),
                        "partnership": ("add", "change", "delete", "view"),
                        "fundingline": ("add", "change", "delete", "view"),
                        "keyfigure": ("add", "change", "delete", "view"),
                        "goodpracticecriterion": ("add", "change", "view"),
                    },
                },
            )
        )
        # Projects point at instruments (and organisations): their pages list the projects.
        registry.contribute_panel(
            "instruments", "funded_projects", "projects.related.projects_funded_by"
        )
        registry.contribute_panel(
            "organisations", "lead_projects", "projects.related.projects_led_by"
        )
        registry.contribute_panels("organisations", "projects.related.partnerships_of")
