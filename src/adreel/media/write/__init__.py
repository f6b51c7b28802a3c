"""Script writers behind one entry point: `write_script(request, llm=None)`."""

from adreel.catalogue import STYLES
from adreel.media.write.llm import LLMConfig, LLMWriter
from adreel.media.write.model import Scene, Script, ScriptError, Visual, WriteRequest
from adreel.media.write.writer import LanguageNotWritten, script_language, write_script

__all__ = ["STYLES", "LLMConfig", "LLMWriter", "LanguageNotWritten", "Scene", "Script",
           "ScriptError", "Visual", "WriteRequest", "script_language", "write_script"]
