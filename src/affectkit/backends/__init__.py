"""LLM backends: realise a reply with any OpenAI-compatible chat endpoint (OpenAI, vLLM, llama.cpp server,
Ollama, LM Studio). Needs the ``llm`` extra (``pip install 'affectkit[llm]'``) to make requests.

Configure with ``AFFECTKIT_LLM_BASE_URL``, ``AFFECTKIT_LLM_MODEL`` and, if the server checks keys,
``AFFECTKIT_LLM_API_KEY`` (``OPENAI_BASE_URL`` / ``OPENAI_API_KEY`` are used when those are unset).

Example:
    >>> from affectkit.backends import get_backend
    >>> backend = get_backend(base_url="http://localhost:11434/v1", model="llama3.2")
    >>> backend.settings.configured
    True
    >>> # backend.complete([{"role": "user", "content": "Hi"}]).text   needs a running server
"""

from __future__ import annotations

from affectkit.backends.openai_compat import (
    NO_API_KEY,
    ROLES,
    BackendSettings,
    ChatBackend,
    ChatResult,
    TokenUsage,
    get_backend,
    validate_messages,
)

__all__ = [
    "NO_API_KEY",
    "ROLES",
    "BackendSettings",
    "ChatBackend",
    "ChatResult",
    "TokenUsage",
    "get_backend",
    "validate_messages",
]
