#!/usr/bin/env python
import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "platform_site.settings")
    # A checkout with no secret key configured is a development machine: let
    # `manage.py` work there without ceremony. Deployments always set the key
    # (the image also sets DJANGO_DEBUG=false), and the web server (wsgi.py)
    # never takes this default.
    if not (os.environ.get("DJANGO_SECRET_KEY") or os.environ.get("DJANGO_SECRET_KEY_FILE")):
        os.environ.setdefault("DJANGO_DEBUG", "true")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
