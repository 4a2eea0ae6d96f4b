"""The list shows "Výzva: …": every adjectival call status must agree with the feminine "výzva"."""

from django.utils import translation

from instruments.models import CallStatus


def test_czech_call_status_labels_agree_with_vyzva():
    adjectival = [CallStatus.OPEN, CallStatus.PLANNED, CallStatus.CLOSED, CallStatus.PERMANENT]
    adjectival.append(CallStatus.ENDED)
    with translation.override("cs"):
        labels = {status.value: str(status.label) for status in adjectival}
    assert {value: label for value, label in labels.items() if not label.endswith("á")} == {}
    assert labels["ended"] == "Ukončená"
