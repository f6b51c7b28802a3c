"""Copy libraries of the built-in writer, one module per language."""

from adreel.media.write.library import Library


def load(language: str) -> Library:
    """The copy library for a language (en, es, de, fr, ja)."""
    from importlib import import_module

    return import_module(f"adreel.media.write.copy.{language}").LIBRARY
