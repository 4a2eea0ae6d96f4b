"""The jsonl fixture format, tolerant of history rows that point at deleted records."""

from django.core.serializers import jsonl as base

from catalogue.serialization import DanglingForeignKeyMixin

Deserializer = base.Deserializer


class Serializer(DanglingForeignKeyMixin, base.Serializer):
    pass
