"""Chat models chosen by `provider:model` (BILATERAL_LLM), each imported only when chosen."""

from __future__ import annotations

import warnings
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from langchain_core.language_models import BaseChatModel
from pydantic import SecretStr

from retrieval.errors import LLMUnavailable
from retrieval.settings import Settings

ChatModelFactory = Callable[[str, Settings], BaseChatModel]
MAX_TOKENS = 400  # four short sentences with their marks, and room to spare
LOCAL_KEY = "not-needed"  # a local OpenAI-compatible server takes any key


def _missing(provider: str, package: str) -> LLMUnavailable:
    return LLMUnavailable(
        f"BILATERAL_LLM={provider}:… needs {package}: pip install 'bilateral[{provider}]'"
    )


def openai_model(model: str, settings: Settings) -> BaseChatModel:
    try:
        from langchain_openai import ChatOpenAI
    except ImportError:
        raise _missing("openai", "langchain-openai") from None
    key = settings.openai_api_key
    if key is None and not settings.llm_base_url:
        raise LLMUnavailable(
            "BILATERAL_LLM=openai:… needs OPENAI_API_KEY, or "
            "BILATERAL_LLM_BASE_URL pointing at an OpenAI-compatible server"
        )
    # OpenAI takes max_completion_tokens; compatible servers (llama.cpp, vLLM) read max_tokens
    limit: dict[str, Any] = (
        {"extra_body": {"max_tokens": MAX_TOKENS}}
        if settings.llm_base_url
        else {"max_tokens": MAX_TOKENS}
    )
    return ChatOpenAI(
        model=model,
        base_url=settings.llm_base_url,
        api_key=key or SecretStr(LOCAL_KEY),
        timeout=settings.llm_timeout,
        max_retries=1,
        temperature=0,
        **limit,
    )


def ollama_model(model: str, settings: Settings) -> BaseChatModel:
    try:
        # optional extra `ollama`, absent from the dev venv
        from langchain_ollama import ChatOllama  # pyright: ignore[reportMissingImports]
    except ImportError:
        raise _missing("ollama", "langchain-ollama") from None
    return ChatOllama(
        model=model,
        base_url=settings.llm_base_url,
        temperature=0,
        num_predict=MAX_TOKENS,
        client_kwargs={"timeout": settings.llm_timeout},
    )


def llamacpp_model(model: str, settings: Settings) -> BaseChatModel:
    try:
        with warnings.catch_warnings():  # langchain-community warns that it is being sunset
            warnings.simplefilter("ignore", DeprecationWarning)
            # optional extra `llamacpp`, absent from the dev venv
            from langchain_community.chat_models import ChatLlamaCpp  # pyright: ignore[reportMissingImports]
        # imported only to check: ChatLlamaCpp says llama_cpp is missing only when it first runs
        import llama_cpp  # noqa: F401  # pyright: ignore[reportMissingImports]
    except ImportError:
        raise _missing("llamacpp", "langchain-community and llama-cpp-python") from None
    path = Path(model).expanduser()
    if not path.is_file():
        raise LLMUnavailable(f"BILATERAL_LLM=llamacpp:{model}: no such model file")
    return ChatLlamaCpp(
        model_path=str(path), temperature=0, n_ctx=4096, max_tokens=MAX_TOKENS, verbose=False
    )


PROVIDERS: dict[str, ChatModelFactory] = {
    "openai": openai_model,
    "ollama": ollama_model,
    "llamacpp": llamacpp_model,
}


def parse_spec(spec: str) -> tuple[str, str]:
    """'openai:gpt-4o-mini' -> ('openai', 'gpt-4o-mini'); a model path may hold colons."""
    provider, sep, model = spec.partition(":")
    if not sep or not provider.strip() or not model.strip():
        raise LLMUnavailable(f"bad setting BILATERAL_LLM: expected provider:model (got {spec!r})")
    return provider.strip().lower(), model.strip()


def make_chat_model(
    settings: Settings, factories: Mapping[str, ChatModelFactory] | None = None
) -> BaseChatModel:
    """The chat model BILATERAL_LLM names. `factories` adds providers (tests add `fake`)."""
    if not settings.llm:
        raise LLMUnavailable("BILATERAL_LLM is not set")
    provider, model = parse_spec(settings.llm)
    known = {**PROVIDERS, **(factories or {})}
    if provider not in known:
        raise LLMUnavailable(
            f"bad setting BILATERAL_LLM: unknown provider {provider!r} "
            f"(one of {', '.join(sorted(known))})"
        )
    return known[provider](model, settings)
