"""The price-term templates shipped inside the package (``resources/price_terms/*.json``).

They live in the package, not beside it, so that an installed wheel and the PyInstaller bundle
carry them; they are read through :mod:`importlib.resources` for the same reason.
"""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable

from minesales_desktop.pricing.terms import PriceTermsError, Terms, parse_terms_json

__all__ = ["list_templates", "load_template", "template_text"]


def _folder() -> Traversable:
    return resources.files("minesales_desktop").joinpath("resources", "price_terms")


def list_templates() -> list[str]:
    """Names of the shipped templates (file names without ``.json``), sorted."""
    folder = _folder()
    if not folder.is_dir():
        return []
    return sorted(
        entry.name[: -len(".json")] for entry in folder.iterdir() if entry.name.endswith(".json")
    )


def template_text(name: str) -> str:
    """The JSON text of the shipped template ``name`` (``.json`` optional)."""
    stem = name[: -len(".json")] if name.endswith(".json") else name
    if stem not in list_templates():
        known = ", ".join(list_templates()) or "none"
        raise PriceTermsError(name, f"no such file or shipped template (templates: {known})")
    return _folder().joinpath(stem + ".json").read_text(encoding="utf-8")


def load_template(name: str) -> Terms:
    """The validated :class:`Terms` of the shipped template ``name``."""
    stem = name[: -len(".json")] if name.endswith(".json") else name
    return parse_terms_json(template_text(stem), f"template {stem}")
