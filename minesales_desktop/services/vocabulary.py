"""The domain's vocabularies for layers that do not import the models (the UI): every
enumeration with its zh and en labels, re-exported from ``models.enums``."""

from minesales_desktop.models.enums import *  # noqa: F403
from minesales_desktop.models.enums import LabeledEnum, all_enums, labels

__all__ = [e.__name__ for e in all_enums()] + ["LabeledEnum", "all_enums", "labels"]
