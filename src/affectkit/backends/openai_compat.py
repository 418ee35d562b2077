"""A chat backend for any OpenAI-compatible chat-completions endpoint.

One HTTP shape covers OpenAI itself and the common local servers (vLLM, llama.cpp server, Ollama,
LM Studio). The ``openai`` SDK does the HTTP work, timeouts and retries; it is an optional dependency
(``pip install 'affectkit[llm]'``) imported only when a request is made.

Configuration comes from the environment (see :meth:`BackendSettings.from_env`):

==========================  ======================  ====================================================
variable                    fallback                meaning
==========================  ======================  ====================================================
``AFFECTKIT_LLM_BASE_URL``  ``OPENAI_BASE_URL``     endpoint root, e.g. ``http://localhost:8000/v1``
``AFFECTKIT_LLM_API_KEY``   ``OPENAI_API_KEY``      API key; ``"not-needed"`` when neither is set
``AFFECTKIT_LLM_MODEL``     (none)                  model name the server knows, e.g. ``qwen2.5:7b``
==========================  ======================  ====================================================

Errors: AK-E012 when the settings are incomplete, AK-E013 when the backend fails (connection error,
timeout, HTTP error after the SDK's retries, an answer that is not a chat completion or has no content),
AK-E005/AK-E009 for malformed messages or settings, AK-E008 when the ``openai`` package is missing.

Example (no network needed until a request is made):
    >>> backend = ChatBackend(BackendSettings(base_url="http://localhost:8000/v1", model="qwen2.5"))
    >>> backend.settings.configured, backend.settings.timeout, backend.settings.max_retries
    (True, 60.0, 2)
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator, Mapping, Sequence
from types import TracebackType
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field

from affectkit.errors import AffectkitError, missing_extra

if TYPE_CHECKING:
    from openai import OpenAI, Stream
    from openai.types.chat import ChatCompletionChunk

NO_API_KEY = "not-needed"
"""The placeholder API key sent to local servers that do not check keys."""

ROLES = ("system", "developer", "user", "assistant")
"""The message roles :func:`validate_messages` accepts."""

OPENAI_DEFAULT_BASE_URL = "https://api.openai.com/v1"

MAX_TIMEOUT = 86_400.0
"""The longest request timeout in seconds (a day); longer ones overflow the HTTP client's timers."""

# (affectkit variable, OpenAI SDK fallback) per setting read from the environment.
_ENV = {
    "base_url": ("AFFECTKIT_LLM_BASE_URL", "OPENAI_BASE_URL"),
    "api_key": ("AFFECTKIT_LLM_API_KEY", "OPENAI_API_KEY"),
    "model": ("AFFECTKIT_LLM_MODEL", None),
}


class BackendSettings(BaseModel):
    """Where and how to reach an OpenAI-compatible chat endpoint.

    ``base_url`` ``None`` means OpenAI itself (then a real ``api_key`` is needed). ``timeout`` is in
    seconds per attempt; ``max_retries`` counts retries after the first attempt (the SDK retries
    connection errors, timeouts, HTTP 408/409/429 and 5xx with exponential backoff). ``temperature``
    ``None`` leaves it to the server; ``max_tokens`` ``None`` sets no limit. The API key is hidden from
    ``repr``.

    Example:
        >>> settings = BackendSettings(base_url="http://localhost:11434/v1", model="llama3.2")
        >>> settings.configured, settings.api_key, settings.temperature
        (True, 'not-needed', 0.7)
        >>> BackendSettings(model="gpt-4o-mini").configured  # neither a base URL nor an OpenAI key
        False
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    base_url: str | None = None
    api_key: str = Field(default=NO_API_KEY, repr=False)
    model: str | None = None
    timeout: float = Field(default=60.0, gt=0, le=MAX_TIMEOUT, allow_inf_nan=False)
    max_retries: int = Field(default=2, ge=0)
    temperature: float | None = Field(default=0.7, ge=0, le=2)
    max_tokens: int | None = Field(default=None, ge=1)

    @classmethod
    def from_env(cls, **overrides: Any) -> BackendSettings:
        """Read the settings from the environment; keyword ``overrides`` win over it.

        Precedence per setting: an override that is not ``None``, then ``AFFECTKIT_LLM_*``, then the
        OpenAI SDK's ``OPENAI_BASE_URL`` / ``OPENAI_API_KEY``, then the default. Empty variables count
        as unset. ``OPENAI_API_KEY`` is never sent to a server set by ``AFFECTKIT_LLM_BASE_URL`` or a
        ``base_url`` override (set ``AFFECTKIT_LLM_API_KEY`` for it). Unknown override names and invalid
        values (a timeout that is not a number of seconds in (0, :data:`MAX_TIMEOUT`]) raise AK-E005 naming
        the setting.

        Example:
            >>> settings = BackendSettings.from_env(base_url="http://localhost:8000/v1", model="m", timeout=5)
            >>> settings.base_url, settings.model, settings.timeout
            ('http://localhost:8000/v1', 'm', 5.0)
        """
        values: dict[str, Any] = {}
        sources: dict[str, str] = {}
        for name, variables in _ENV.items():
            for variable in variables:
                value = os.environ.get(variable) if variable else None
                if variable and value and value.strip():
                    values[name], sources[name] = value.strip(), variable
                    break
        given = {name: value for name, value in overrides.items() if value is not None}
        values.update(given)
        # OpenAI's key goes only where OpenAI's variables point: never to a server named elsewhere.
        own_server = "base_url" in given or sources.get("base_url") == "AFFECTKIT_LLM_BASE_URL"
        if own_server and "api_key" not in given and sources.get("api_key") == "OPENAI_API_KEY":
            del values["api_key"]
        from pydantic import ValidationError

        try:
            return cls(**values)
        except ValidationError as error:
            problem = error.errors()[0]
            name = ".".join(str(x) for x in problem["loc"])
            raise AffectkitError("AK-E005", f"backend setting {name}: {problem['msg']}", field=name) from None

    @property
    def configured(self) -> bool:
        """True when a model is set and either a base URL or a real OpenAI API key is known.

        Example:
            >>> BackendSettings(api_key="sk-test", model="gpt-4o-mini").configured
            True
        """
        has_endpoint = bool(self.base_url) or self.api_key not in ("", NO_API_KEY)
        return has_endpoint and bool(self.model)

    @property
    def endpoint(self) -> str:
        """The endpoint root requests go to (OpenAI's when ``base_url`` is not set).

        Example:
            >>> BackendSettings(api_key="sk-test", model="gpt-4o-mini").endpoint
            'https://api.openai.com/v1'
        """
        return self.base_url or OPENAI_DEFAULT_BASE_URL

    def missing(self) -> list[str]:
        """What is missing for :attr:`configured`, naming the environment variables to set.

        Example:
            >>> BackendSettings(base_url="http://localhost:8000/v1").missing()
            ['the model (set AFFECTKIT_LLM_MODEL)']
        """
        problems = []
        if not self.base_url and self.api_key in ("", NO_API_KEY):
            problems.append(
                "the endpoint (set AFFECTKIT_LLM_BASE_URL or OPENAI_BASE_URL for a local or hosted server, "
                "or AFFECTKIT_LLM_API_KEY or OPENAI_API_KEY for OpenAI itself)"
            )
        if not self.model:
            problems.append("the model (set AFFECTKIT_LLM_MODEL)")
        return problems


class TokenUsage(BaseModel):
    """Token counts as the server reports them.

    Example:
        >>> TokenUsage(prompt_tokens=12, completion_tokens=30).total_tokens
        42
    """

    model_config = ConfigDict(frozen=True)

    prompt_tokens: int
    completion_tokens: int

    @property
    def total_tokens(self) -> int:
        """Prompt plus completion tokens."""
        return self.prompt_tokens + self.completion_tokens


class ChatResult(BaseModel):
    """One completion: the text, the model that answered, why it stopped, token usage and latency.

    ``usage`` is ``None`` when the server does not report it; ``latency_ms`` is wall time including
    retries.

    Example:
        >>> result = ChatResult(text="I'm sorry.", model="m", finish_reason="stop", latency_ms=120.0)
        >>> result.text, result.usage
        ("I'm sorry.", None)
    """

    model_config = ConfigDict(frozen=True)

    text: str
    model: str
    finish_reason: str | None = None
    usage: TokenUsage | None = None
    latency_ms: float


def validate_messages(messages: object) -> list[dict[str, str]]:
    """Check chat messages in the OpenAI format and return plain copies.

    Each message is a mapping with a ``role`` (one of :data:`ROLES`), a string ``content`` and optionally
    a string ``name``. A malformed message raises AK-E005 naming the field (``messages[i].role``); an
    empty list raises AK-E009.

    Example:
        >>> validate_messages([{"role": "system", "content": "Be kind."}, {"role": "user", "content": "Hi"}])
        [{'role': 'system', 'content': 'Be kind.'}, {'role': 'user', 'content': 'Hi'}]
        >>> validate_messages([{"role": "robot", "content": "Hi"}])
        Traceback (most recent call last):
        ...
        affectkit.errors.AffectkitError: AK-E005 unknown role 'robot'; use one of system, developer, user, assistant (field 'messages[0].role')
    """  # noqa: E501
    if isinstance(messages, (str, bytes, Mapping)) or not isinstance(messages, Sequence):
        raise AffectkitError("AK-E005", f"expected a list of messages, got {type(messages).__name__}", field="messages")
    if not messages:
        raise AffectkitError("AK-E009", "no messages to send", field="messages")
    checked = []
    for index, message in enumerate(messages):
        where = f"messages[{index}]"
        if not isinstance(message, Mapping):
            raise AffectkitError("AK-E005", f"expected a message object, got {type(message).__name__}", field=where)
        unknown = sorted(str(key) for key in message if key not in ("role", "content", "name"))
        if unknown:
            raise AffectkitError(
                "AK-E005", f"unknown message key(s) {', '.join(unknown)}; use role, content, name", field=where
            )
        for key in ("role", "content"):
            if key not in message:
                raise AffectkitError("AK-E005", f"the message has no '{key}'", field=f"{where}.{key}")
        copy: dict[str, str] = {}
        for key, value in message.items():
            if not isinstance(value, str):
                raise AffectkitError(
                    "AK-E005", f"expected a string, got {type(value).__name__}", field=f"{where}.{key}"
                )
            copy[str(key)] = value
        if copy["role"] not in ROLES:
            raise AffectkitError(
                "AK-E005", f"unknown role '{copy['role']}'; use one of {', '.join(ROLES)}", field=f"{where}.role"
            )
        checked.append(copy)
    return checked


class ChatBackend:
    """Send chat messages to an OpenAI-compatible endpoint.

    The constructor only stores the settings; the ``openai`` client is created on the first request and
    reused (its connections are pooled). Use it as a context manager, or call :meth:`close`, to release
    the connections early.

    Example:
        >>> backend = ChatBackend(BackendSettings(base_url="http://localhost:8000/v1", model="qwen2.5"))
        >>> backend.settings.endpoint
        'http://localhost:8000/v1'
    """

    def __init__(self, settings: BackendSettings) -> None:
        self.settings = settings
        self._client: OpenAI | None = None

    def __repr__(self) -> str:
        return f"ChatBackend(endpoint={self.settings.endpoint!r}, model={self.settings.model!r})"

    def __enter__(self) -> ChatBackend:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the HTTP connections, if any were opened; the backend reconnects when used again."""
        if self._client is not None:
            self._client.close()
            self._client = None

    def complete(
        self,
        messages: Sequence[Mapping[str, str]],
        *,
        temperature: float | None = None,
        max_tokens: int | None = None,
    ) -> ChatResult:
        """Ask for one completion of ``messages`` (OpenAI chat format) and wait for all of it.

        ``temperature`` and ``max_tokens`` override the settings for this call. Raises AK-E012 when the
        settings are incomplete, AK-E013 when the backend fails after the SDK's retries, AK-E005/AK-E009
        for malformed messages.

        Example (needs a running server, so not a doctest)::

            result = get_backend().complete([{"role": "user", "content": "Hi"}])
            print(result.text, result.usage.total_tokens if result.usage else "?")
        """
        request = self._request(messages, temperature=temperature, max_tokens=max_tokens)
        client = self._get_client()
        import openai

        where = f"the LLM backend at {self.settings.endpoint}"
        start = time.perf_counter()
        try:
            response = client.chat.completions.create(**request)
        except openai.OpenAIError as error:
            raise self._backend_error(error) from error
        except ValueError as error:  # HTTP 200 labelled JSON whose body is not (a proxy's HTML page)
            raise AffectkitError("AK-E013", f"{where} answered with a body that is not JSON ({error})") from None
        latency_ms = (time.perf_counter() - start) * 1000.0
        if not hasattr(response, "choices"):  # the SDK hands back the raw text of a non-JSON answer
            snippet = " ".join(str(response).split())[:80]
            raise AffectkitError("AK-E013", f"{where} answered with something that is not a chat completion: "
                                 f"{snippet!r}; is the base URL the API root (ending in /v1)?")
        if not response.choices:
            raise AffectkitError("AK-E013", f"{where} returned no choices")
        choice = response.choices[0]
        if choice.message.content is None:  # a tool call or a refusal: there is no reply text to use
            refusal = getattr(choice.message, "refusal", None)
            detail = f"the model refused: {refusal}" if refusal else f"finish_reason {choice.finish_reason!r}"
            raise AffectkitError("AK-E013", f"{where} returned a message with no content ({detail})")
        usage = None
        if response.usage is not None:
            usage = TokenUsage(
                prompt_tokens=response.usage.prompt_tokens, completion_tokens=response.usage.completion_tokens
            )
        return ChatResult(
            text=choice.message.content,
            model=response.model or str(request["model"]),
            finish_reason=choice.finish_reason,
            usage=usage,
            latency_ms=latency_ms,
        )

    def stream(
        self,
        messages: Sequence[Mapping[str, str]],
        *,
        temperature: float | None = None,
        max_tokens: int | None = None,
    ) -> Iterator[str]:
        """Stream a completion of ``messages``: yields the text deltas, which concatenate to the reply.

        The request is sent (and retried) when ``stream`` is called, so configuration, message and
        connection errors raise here; a failure while reading the stream raises AK-E013 from the
        iterator. Leaving the loop early closes the connection.

        Example (needs a running server, so not a doctest)::

            for delta in get_backend().stream([{"role": "user", "content": "Hi"}]):
                print(delta, end="", flush=True)
        """
        request = self._request(messages, temperature=temperature, max_tokens=max_tokens)
        client = self._get_client()
        import openai

        try:
            chunks = client.chat.completions.create(**request, stream=True)
        except openai.OpenAIError as error:
            raise self._backend_error(error) from error
        return self._deltas(chunks)

    def _deltas(self, chunks: Stream[ChatCompletionChunk]) -> Iterator[str]:
        try:
            for chunk in chunks:
                for choice in chunk.choices:
                    if choice.index == 0 and choice.delta is not None and choice.delta.content:
                        yield choice.delta.content
        except Exception as error:  # the SDK lets transport errors (e.g. a read timeout) through here
            raise self._backend_error(error) from error
        finally:
            chunks.close()

    def _request(
        self, messages: Sequence[Mapping[str, str]], *, temperature: float | None, max_tokens: int | None
    ) -> dict[str, Any]:
        checked = validate_messages(messages)
        if not self.settings.configured:
            raise AffectkitError("AK-E012", "no LLM backend configured: missing " + "; ".join(self.settings.missing()))
        request: dict[str, Any] = {"model": self.settings.model, "messages": checked}
        temperature = self.settings.temperature if temperature is None else temperature
        if temperature is not None:
            request["temperature"] = temperature
        max_tokens = self.settings.max_tokens if max_tokens is None else max_tokens
        if max_tokens is not None:
            request["max_tokens"] = max_tokens
        return request

    def _get_client(self) -> OpenAI:
        if self._client is None:
            try:
                import openai
            except ImportError:
                raise missing_extra("llm", "openai") from None
            self._client = openai.OpenAI(
                base_url=self.settings.base_url,
                api_key=self.settings.api_key or NO_API_KEY,
                timeout=self.settings.timeout,
                max_retries=self.settings.max_retries,
            )
        return self._client

    def _backend_error(self, error: Exception) -> AffectkitError:
        """Translate an exception from the ``openai`` SDK or its HTTP transport into AK-E013."""
        import openai

        where = f"the LLM backend at {self.settings.endpoint}"
        attempts = f"max_retries={self.settings.max_retries}"
        if isinstance(error, openai.APITimeoutError):
            message = f"{where} timed out ({self.settings.timeout:g} s per attempt, {attempts})"
        elif isinstance(error, openai.APIConnectionError):
            cause = error.__cause__ or error.__context__
            detail = f": {cause}" if cause is not None and str(cause) else ""
            message = f"could not connect to {where} ({attempts}){detail}"
        elif isinstance(error, openai.APIStatusError):
            message = f"{where} answered HTTP {error.status_code} ({attempts}): {_status_detail(error)}"
        else:
            detail = str(error) or "no details"
            message = f"{where} failed ({type(error).__name__}: {detail})"
        return AffectkitError("AK-E013", message)


def _status_detail(error: Any) -> str:
    """The server's own error message from an OpenAI-style error body, else the SDK's message."""
    body = error.body
    if isinstance(body, Mapping):
        inner = body.get("error", body)
        if isinstance(inner, Mapping) and isinstance(inner.get("message"), str):
            return str(inner["message"])
        if isinstance(inner, str):
            return inner
    return str(error.message)


def get_backend(**overrides: Any) -> ChatBackend:
    """A :class:`ChatBackend` with settings from the environment and keyword ``overrides``.

    See :meth:`BackendSettings.from_env` for the variables and their precedence. Nothing is checked or
    connected until the first request.

    Example:
        >>> backend = get_backend(base_url="http://localhost:8080/v1", model="local", max_retries=0)
        >>> backend.settings.endpoint, backend.settings.max_retries
        ('http://localhost:8080/v1', 0)
    """
    return ChatBackend(BackendSettings.from_env(**overrides))
