"""An LLM answer streams into the deferred reply (at most one edit a second), then the checked
answer replaces the draft."""

from __future__ import annotations

import asyncio
import time

import pytest
from discord_standin.fake_engine import FakeEngine

pytest_plugins = ["discord_standin.fixtures"]
pytestmark = pytest.mark.asyncio(loop_scope="module")


class StreamingEngine(FakeEngine):
    """Writes its answer in pieces over about 2.4 s, as a model would, then the checked one."""

    def ask_stream(self, question, *, conversation=None, country=None):
        answer = self.ask(question, conversation=conversation, country=country)
        for piece in [
            "India and Oman ",
            "discussed ",
            "deepening ",
            "bilateral ",
            "cooperation",
            " [1], and a Prime Minister of Oman [2].",
        ]:
            time.sleep(0.4)
            yield piece
        yield answer


@pytest.fixture(scope="module")
def bot_engine():
    return StreamingEngine()


async def test_drafts_are_edited_in_at_most_once_a_second_then_replaced(standin, discord_bot):
    handle = await standin.send_slash(
        "ask", {"question": "What did India and Oman discuss?"}, user=standin.world.new_person()
    )
    assert (await handle.deferred(3)).json["type"] == 5
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        edits = [c for c in handle.calls() if c.kind == "edit_original" and c.ok]
        if edits and edits[-1].json.get("embeds"):
            break
        await asyncio.sleep(0.1)
    drafts = [c for c in edits if c.json.get("content")]
    assert 1 <= len(drafts) <= 3
    assert all(b.at - a.at >= 0.95 for a, b in zip(drafts, drafts[1:], strict=False))
    assert "checking the citations" in drafts[0].json["content"]
    final = edits[-1]
    assert final.json["embeds"] and not final.json.get("content")
    assert "Prime Minister of Oman" not in str(final.json["embeds"])  # the checked answer won
    assert final.json["allowed_mentions"] == {"parse": []}
    assert not [c for c in handle.calls() if c.kind == "followup"]
