from django.db import models

from catalogue.models import Publishable


class Colour(models.TextChoices):
    RED = "red", "red"
    BLUE = "blue", "blue"


class Toy(Publishable):
    colour = models.CharField("colour", max_length=8, choices=Colour.choices, default=Colour.RED)

    class Meta(Publishable.Meta):
        verbose_name = "toy"
        verbose_name_plural = "toys"
