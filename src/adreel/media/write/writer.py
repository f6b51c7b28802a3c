"""Choosing and running a writer: the override, the LLM (when configured), or the built-in one."""

from __future__ import annotations

from adreel.catalogue import BUILTIN_LANGUAGES
from adreel.media.fonts import drawable
from adreel.media.write.builtin import write_builtin
from adreel.media.write.llm import LLMFailed, LLMWriter
from adreel.media.write.model import Script, ScriptError, WriteRequest
from adreel.media.write.override import write_override


class LanguageNotWritten(ScriptError):
    """Nobody here can write the requested language."""

    code = "language_unsupported"


def script_language(requested: str | None, page_language: str | None,
                    llm_available: bool) -> tuple[str, str | None]:
    """The language to write in, and a note when it differs from what the page or request
    suggested. An explicit request that cannot be written raises `LanguageNotWritten`."""
    if requested:
        primary = requested.split("-")[0].lower()
        if primary in BUILTIN_LANGUAGES or llm_available:
            return primary, None
        raise LanguageNotWritten(
            f"adreel cannot write scripts in {requested!r} without an LLM writer. Languages "
            f"it writes: {', '.join(BUILTIN_LANGUAGES)}.")
    page = (page_language or "en").split("-")[0].lower()
    if page in BUILTIN_LANGUAGES or llm_available:
        return page, None
    return "en", f"The page is in {page!r}, which adreel cannot write; the script is in English."


def write_script(request: WriteRequest, llm: LLMWriter | None = None) -> Script:
    """One script for one variant: verbatim override, else the LLM with the built-in writer
    as its fallback, else the built-in writer; without characters no shipped face can draw."""
    return _drawable(_written(request, llm))


def _drawable(script: Script) -> Script:
    """Emoji and other characters no shipped face draws leave the spoken and screen text alike
    (a voice would skip them and a caption would show an empty box)."""
    scenes = []
    for scene in script.scenes:
        visual = scene.visual
        if visual.text:
            visual = visual.model_copy(update={"text": drawable(visual.text)})
        scenes.append(scene.model_copy(update={"text": drawable(scene.text), "display": drawable(scene.display),
                                               "visual": visual}))
    return script.model_copy(update={"scenes": [s for s in scenes if s.text.strip()] or scenes,
                                     "hook": drawable(script.hook),
                                     "cta": drawable(script.cta) if script.cta else script.cta})


def _written(request: WriteRequest, llm: LLMWriter | None) -> Script:
    if request.override_script:
        return write_override(request)
    if llm is not None:
        try:
            return llm.write(request)
        except LLMFailed as exc:
            fallback = request
            note = f"The LLM writer failed ({exc.message}); the built-in writer wrote this script."
            if request.language not in BUILTIN_LANGUAGES:
                fallback = request.model_copy(update={"language": "en"})
                note += " It is in English: the built-in writer does not write that language."
            script = write_builtin(fallback)
            script.notes.insert(0, note)
            return script
    if request.language not in BUILTIN_LANGUAGES:
        raise LanguageNotWritten(f"The built-in writer does not write {request.language!r}.")
    return write_builtin(request)
