from django.utils.translation import gettext_lazy as _

from catalogue.resources import PublishableResource, slug_of, translated
from projects.models import Project
from taxonomy.models import Organisation


class ProjectResource(PublishableResource):
    lead_organisation = slug_of("lead_organisation", Organisation)

    class Meta(PublishableResource.Meta):
        model = Project
        fields = (
            "slug",
            "status",
            *translated(*Project.translated_fields),
            "lead_organisation",
            "start_year",
            "end_year",
            "ongoing",
            "evidence_level",
            "is_good_practice",
            "contact_name",
            "website",
            "themes",
            "target_groups",
            "places",
            "sources",
        )
        export_order = fields

    def row_errors(self, instance):
        errors = super().row_errors(instance)
        start, end = instance.start_year, instance.end_year
        if start is not None and end is not None and end < start:
            errors["end_year"] = _("The end year must not be before the start year.")
        return errors
