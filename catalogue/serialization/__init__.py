"""Fixture serializers that also dump history rows of deleted records.

A history row keeps the id of what it pointed at (a partner's organisation, a funding line's
instrument) after that record was deleted. With ``--natural-foreign`` Django looks the record
up to write its natural key and aborts. These serializers write the stored id instead when the
record no longer exists; ``loaddata`` reads it back into the same history row.
"""

from django.core.exceptions import ObjectDoesNotExist


class DanglingForeignKeyMixin:
    def handle_fk_field(self, obj, field):
        try:
            super().handle_fk_field(obj, field)
        except ObjectDoesNotExist:
            self._current[field.name] = self._value_from_field(obj, field)
