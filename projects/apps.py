from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("Projects")

    def ready(self):
        from catalogue.registry import register_catalogue
        from projects.models import Project

        register_catalogue("projects", Project)
