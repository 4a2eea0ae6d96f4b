from catalogue.api import EntrySerializer
from tests.toycatalogue.models import Toy


class ToySerializer(EntrySerializer):
    class Meta:
        model = Toy
        fields = [*EntrySerializer.base_fields, "colour", *EntrySerializer.shared_fields]
