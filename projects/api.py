"""The API endpoint of projects."""

from django.db.models import Prefetch

from catalogue.api import CatalogueViewSet, catalogue_schema
from projects import serializers
from projects.models import FundingLine, Partnership, Project


@catalogue_schema
class ProjectViewSet(CatalogueViewSet):
    catalogue = "projects"
    queryset = Project.objects.none()
    serializer_class = serializers.ProjectSerializer

    def with_related(self, queryset):
        return (
            super()
            .with_related(queryset)
            .select_related("lead_organisation")
            .prefetch_related(
                Prefetch("partnerships", Partnership.objects.select_related("organisation")),
                Prefetch("funding_lines", FundingLine.objects.select_related("instrument")),
                "key_figures",
            )
        )
