"""The LLM writer against a local server that speaks the chat-completions protocol."""

from __future__ import annotations

import json
import time
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from adreel.media.extract import Product, read_html
from adreel.media.write import LLMConfig, LLMWriter, WriteRequest, write_script

EXAMPLE = Path(__file__).parents[3] / "examples" / "product-page.html"

GOOD = {"style": "discovery", "hook": "I found the coffee maker that lives in my backpack.",
        "cta": "Grab yours for $39.",
        "scenes": [
            {"kind": "actor", "text": "I found the coffee maker that lives in my backpack.", "visual": "image"},
            {"kind": "product", "text": "The TrailPress brews a clean cup in 90 seconds.", "visual": "image"},
            {"kind": "product", "text": "It weighs just 320 grams and needs no paper filters.", "visual": "feature"},
            {"kind": "product", "text": "Hikers rate it 4.7 stars from 418 reviews.", "visual": "rating"},
            {"kind": "product", "text": "It packs inside its own mug, so it takes no room at all.", "visual": "image"},
            {"kind": "cta", "text": "Grab yours for $39 through the link below.", "visual": "end_card"}]}


@pytest.fixture(scope="module")
def product() -> Product:
    return read_html(EXAMPLE.read_text("utf-8"),
                     "https://fieldkitcoffee.example/products/trailpress").product


class ChatServer:
    """Answers each request with the next of `replies` (a dict becomes JSON content, a
    string is sent as is, a callable takes over), recording the requests."""

    def __init__(self, replies: list[object]) -> None:
        self.replies = replies
        self.requests: list[dict] = []

    def __call__(self, handler: BaseHTTPRequestHandler) -> None:
        body = json.loads(handler.rfile.read(int(handler.headers["Content-Length"])))
        body["authorization"] = handler.headers.get("Authorization")
        self.requests.append(body)
        reply = self.replies[min(len(self.requests) - 1, len(self.replies) - 1)]
        if callable(reply):
            reply(handler)
            return
        content = json.dumps(reply) if isinstance(reply, dict) else str(reply)
        data = json.dumps({"choices": [{"message": {"role": "assistant", "content": content}}]}).encode()
        handler.send_response(200)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        handler.wfile.write(data)


def slow(handler: BaseHTTPRequestHandler) -> None:
    time.sleep(1.5)
    handler.send_response(504)
    handler.send_header("Content-Length", "0")
    handler.end_headers()


def writer_for(serve, replies: list[object], timeout: float = 5.0) -> tuple[LLMWriter, ChatServer]:
    chat = ChatServer(replies)
    site = serve({"/v1/chat/completions": chat})
    return LLMWriter(LLMConfig(site.url("/v1"), "sk-local", "local-model", timeout)), chat


def changed(**scenes: str) -> dict:
    """GOOD with some scenes' text replaced (`s3="..."` is scene 3)."""
    reply = json.loads(json.dumps(GOOD))
    for key, text in scenes.items():
        reply["scenes"][int(key[1:])]["text"] = text
    return reply


def request(product: Product, **changes: object) -> WriteRequest:
    return WriteRequest(product=product, duration=15, words_per_second=3.5,
                        user_instructions="Keep it playful.", target_audience="hikers", **changes)


def test_valid_json_is_used(serve, product: Product) -> None:
    llm, chat = writer_for(serve, [GOOD])
    script = write_script(request(product), llm)
    llm.close()
    assert script.writer == "llm" and script.style == "discovery"
    assert [s.text for s in script.scenes] == [s["text"] for s in GOOD["scenes"]]
    assert [s.visual.kind for s in script.scenes][-1] == "end_card"
    sent = chat.requests[0]
    assert sent["authorization"] == "Bearer sk-local" and sent["model"] == "local-model"
    assert sent["response_format"] == {"type": "json_object"}
    payload = json.loads(sent["messages"][1]["content"])
    # Directions reach the LLM verbatim.
    assert payload["user_instructions"] == "Keep it playful." and payload["target_audience"] == "hikers"
    assert payload["product"]["price"] == "39.00"


def test_invalid_json_is_repaired_once(serve, product: Product) -> None:
    llm, chat = writer_for(serve, ["{not json", GOOD])
    script = write_script(request(product), llm)
    llm.close()
    assert script.writer == "llm"
    assert "repaired" in script.notes[0]
    assert len(chat.requests) == 2
    assert "rejected" in chat.requests[1]["messages"][-1]["content"]


def test_an_invented_number_is_rejected(serve, product: Product) -> None:
    invented = changed(s3="Over 9000 hikers love it.")
    llm, chat = writer_for(serve, [invented, invented])
    script = write_script(request(product), llm)
    llm.close()
    assert script.writer == "builtin"
    assert "9000" in chat.requests[1]["messages"][-1]["content"]
    assert "LLM writer failed" in script.notes[0] and "invalid twice" in script.notes[0]


def test_invalid_twice_falls_back_to_the_builtin_writer(serve, product: Product) -> None:
    llm, _chat = writer_for(serve, [{"style": "discovery", "scenes": []}, "still not json"])
    script = write_script(request(product), llm)
    llm.close()
    assert script.writer == "builtin" and script.scenes
    assert script.notes[0].startswith("The LLM writer failed")


def test_a_timeout_falls_back(serve, product: Product) -> None:
    llm, _chat = writer_for(serve, [slow], timeout=0.5)
    script = write_script(request(product), llm)
    llm.close()
    assert script.writer == "builtin"
    assert "did not answer within 0.5 s" in script.notes[0]   # gave up, not waited for the 504
    assert "did not answer within 0.5 s" in script.notes[0]


def test_a_language_only_the_llm_writes_falls_back_to_english(serve, product: Product) -> None:
    llm, _chat = writer_for(serve, [slow], timeout=0.3)
    script = write_script(request(product, language="it"), llm)
    llm.close()
    assert script.language == "en" and "English" in script.notes[0]


def test_digits_glued_from_other_numbers_are_not_facts(serve, product: Product) -> None:
    glued = json.loads(json.dumps(GOOD))
    glued["scenes"][3]["text"] = "Over 47 five-star reviews."   # 4.7 is a rating, not 47 reviews
    glued["cta"] = "Only {LINK} today."
    llm, _chat = writer_for(serve, [glued, GOOD])
    script = write_script(request(product), llm)
    llm.close()
    assert script.writer == "llm" and "repaired" in script.notes[0]


def test_a_reply_that_breaks_the_copy_lint_is_repaired_once(serve, product: Product) -> None:
    sloppy = changed(s1="Also: it brews a clean cup in 90 seconds..", s2="Here's the thing: it weighs just 320 grams.")
    llm, chat = writer_for(serve, [sloppy, GOOD])
    script = write_script(request(product), llm)
    llm.close()
    assert script.writer == "llm" and "repaired" in script.notes[0]
    complaint = chat.requests[1]["messages"][-1]["content"]
    assert "doubled punctuation" in complaint and "open with a label" in complaint


def test_a_reply_that_breaks_the_copy_lint_twice_gives_the_builtin_script(serve, product: Product) -> None:
    cut = changed(s4="It packs inside its own mug, and the")
    llm, _chat = writer_for(serve, [cut, cut])
    script = write_script(request(product), llm)
    llm.close()
    assert script.writer == "builtin" and "invalid twice" in script.notes[0]
    assert "clause cut short" in script.notes[0]
