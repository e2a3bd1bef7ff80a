"""The chat model BILATERAL_LLM chooses: providers, their errors, and the CLI's one line."""

from __future__ import annotations

import sys

import pytest
from llm_fakes import ScriptedChatModel
from typer.testing import CliRunner

from bot.cli.commands import app
from retrieval.answer.llm.providers import make_chat_model, parse_spec
from retrieval.engine import Engine
from retrieval.errors import LLMUnavailable
from retrieval.settings import Settings


def test_a_spec_is_provider_then_model_and_a_path_keeps_its_colons():
    assert parse_spec("openai:gpt-4o-mini") == ("openai", "gpt-4o-mini")
    assert parse_spec("llamacpp:C:/models/x.gguf") == ("llamacpp", "C:/models/x.gguf")
    with pytest.raises(LLMUnavailable, match="expected provider:model"):
        parse_spec("gpt-4o-mini")


def test_an_unknown_provider_names_the_known_ones():
    known = "unknown provider 'claude' .*llamacpp, ollama, openai"
    with pytest.raises(LLMUnavailable, match=known):
        make_chat_model(Settings(llm="claude:opus"))


@pytest.mark.parametrize(
    "spec, module, extra",
    [
        ("openai:gpt-4o-mini", "langchain_openai", "openai"),
        ("ollama:llama3.1", "langchain_ollama", "ollama"),
        ("llamacpp:/models/x.gguf", "llama_cpp", "llamacpp"),
    ],
)
def test_a_missing_package_is_one_line_naming_the_extra(monkeypatch, spec, module, extra):
    monkeypatch.setitem(sys.modules, module, None)  # as if not installed
    with pytest.raises(LLMUnavailable) as info:
        make_chat_model(Settings(llm=spec, openai_api_key="sk-test"))
    message = str(info.value)
    assert f"pip install 'bilateral[{extra}]'" in message and "\n" not in message


def test_openai_needs_a_key_or_a_local_server():
    with pytest.raises(LLMUnavailable, match="OPENAI_API_KEY"):
        make_chat_model(Settings(llm="openai:gpt-4o-mini"))


def test_openai_against_a_local_server_takes_a_dummy_key_and_the_timeout():
    model = make_chat_model(
        Settings(llm="openai:smollm2", llm_base_url="http://127.0.0.1:9/v1", llm_timeout=7)
    )
    assert model.model_name == "smollm2" and model.openai_api_base == "http://127.0.0.1:9/v1"
    assert model.openai_api_key.get_secret_value() == "not-needed"
    assert model.request_timeout == 7 and model.temperature == 0


def test_openai_keeps_the_key_secret():
    model = make_chat_model(Settings(llm="openai:gpt-4o-mini", openai_api_key="sk-secret"))
    assert model.openai_api_key.get_secret_value() == "sk-secret"
    assert "sk-secret" not in repr(model)


def test_llamacpp_needs_an_existing_model_file(tmp_path):
    pytest.importorskip("llama_cpp")
    with pytest.raises(LLMUnavailable, match="no such model file"):
        make_chat_model(Settings(llm=f"llamacpp:{tmp_path / 'missing.gguf'}"))


def test_a_test_provider_comes_in_through_the_factories_only():
    model = ScriptedChatModel(responses=["hi"])
    assert make_chat_model(Settings(llm="fake:any"), {"fake": lambda name, s: model}) is model
    with pytest.raises(LLMUnavailable, match="unknown provider 'fake'"):
        make_chat_model(Settings(llm="fake:any"))


def test_unset_means_the_extractive_engine(fake_engine):
    assert fake_engine.generative is None
    assert fake_engine.chain is fake_engine.extractive_chain


def test_the_engine_builds_the_chosen_model(settings):
    model = ScriptedChatModel(responses=["hi"])
    engine = Engine(
        settings.model_copy(update={"llm": "fake:scripted"}),
        llm_factories={"fake": lambda name, s: model},
    )
    assert engine.generative is not None and engine.generative.mode == "fake:scripted"


def test_the_cli_says_a_bad_llm_setting_in_one_line(settings, monkeypatch):
    monkeypatch.setenv("BILATERAL_DATA_DIR", str(settings.data_dir))
    monkeypatch.setenv("BILATERAL_KNOWLEDGE_DIR", str(settings.knowledge_dir))
    monkeypatch.setenv("BILATERAL_EMBEDDER", "fake")
    monkeypatch.setenv("BILATERAL_LLM", "openai:gpt-4o-mini")
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    monkeypatch.delenv("BILATERAL_LLM_BASE_URL", raising=False)
    result = CliRunner().invoke(app, ["ask", "What did India and Oman discuss?"])
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(lines) == 1 and "OPENAI_API_KEY" in lines[0] and "Traceback" not in result.output
