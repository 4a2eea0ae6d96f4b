"""The read-only public API (Django REST framework, described by drf-spectacular)."""
