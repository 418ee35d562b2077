"""The OpenAI-compatible chat backend, against a real local server (tests/openai_server.py)."""

from __future__ import annotations

import json
import socket
import sys
import time
import urllib.request
from typing import Any

import pytest

from affectkit.backends import BackendSettings, ChatBackend, get_backend, validate_messages
from affectkit.errors import AffectkitError
from openai_server import OpenAIServer

ENV_VARIABLES = (
    "AFFECTKIT_LLM_BASE_URL",
    "AFFECTKIT_LLM_API_KEY",
    "AFFECTKIT_LLM_MODEL",
    "OPENAI_BASE_URL",
    "OPENAI_API_KEY",
)
MESSAGES: list[Any] = [  # Any: also passed straight to the openai SDK, whose message types are TypedDicts
    {"role": "system", "content": "You are a warm, brief listener."},
    {"role": "user", "content": "I failed my driving test again."},
]
REPLY = "That sounds really discouraging. What happened this time?"


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ENV_VARIABLES:
        monkeypatch.delenv(name, raising=False)


def backend_for(server: OpenAIServer, **overrides: Any) -> ChatBackend:
    settings: dict[str, Any] = {"base_url": server.base_url, "model": "test-model", "max_retries": 0}
    return ChatBackend(BackendSettings(**{**settings, **overrides}))


# ---- round trips -------------------------------------------------------------------------------------------


def test_complete_round_trip(openai_server: OpenAIServer) -> None:
    openai_server.reply = lambda messages: REPLY
    with backend_for(openai_server, api_key="secret-key", temperature=0.2, max_tokens=64) as backend:
        result = backend.complete(MESSAGES)

    assert result.text == REPLY
    assert result.model == "test-model"
    assert result.finish_reason == "stop"
    assert result.usage is not None
    assert result.usage.prompt_tokens == 6 + 6  # the test server counts words
    assert result.usage.completion_tokens == len(REPLY.split())
    assert result.latency_ms > 0

    [request] = openai_server.chat_requests
    assert request.path == "/v1/chat/completions"
    assert request.body["messages"] == MESSAGES
    assert request.body["model"] == "test-model"
    assert request.body["temperature"] == 0.2
    assert request.body["max_tokens"] == 64
    assert not request.body.get("stream")
    assert request.headers["authorization"] == "Bearer secret-key"


def test_per_call_overrides_and_length_finish(openai_server: OpenAIServer) -> None:
    openai_server.reply = lambda messages: REPLY
    result = backend_for(openai_server, temperature=None).complete(MESSAGES, max_tokens=3, temperature=1.1)
    assert result.finish_reason == "length"
    assert result.text == " ".join(REPLY.split()[:3])
    body = openai_server.chat_requests[0].body
    assert body["max_tokens"] == 3 and body["temperature"] == 1.1


def test_no_temperature_is_not_sent(openai_server: OpenAIServer) -> None:
    backend_for(openai_server, temperature=None).complete(MESSAGES)
    assert "temperature" not in openai_server.chat_requests[0].body
    assert "max_tokens" not in openai_server.chat_requests[0].body


def test_stream_deltas_concatenate_to_the_reply(openai_server: OpenAIServer) -> None:
    openai_server.reply = lambda messages: "  " + REPLY + "\n"
    deltas = list(backend_for(openai_server).stream(MESSAGES))
    assert len(deltas) == 1 + len(REPLY.split())  # the leading whitespace, then one delta per word
    assert "".join(deltas) == "  " + REPLY + "\n"
    [request] = openai_server.chat_requests
    assert request.body["stream"] is True
    assert request.body["messages"] == MESSAGES


def test_stream_stopped_early_closes_cleanly(openai_server: OpenAIServer) -> None:
    openai_server.reply = lambda messages: REPLY
    backend = backend_for(openai_server)
    stream = backend.stream(MESSAGES)
    assert next(stream) == "That "
    stream.close()  # type: ignore[attr-defined]  # a generator
    assert backend.complete(MESSAGES).text == REPLY  # the backend is still usable


def test_default_reply_echoes_the_last_user_message(openai_server: OpenAIServer) -> None:
    assert backend_for(openai_server).complete(MESSAGES).text == "echo: I failed my driving test again."


# ---- retries and failures ----------------------------------------------------------------------------------


@pytest.mark.parametrize("failures", [1, 2])
def test_retries_recover_from_server_errors(openai_server: OpenAIServer, failures: int) -> None:
    openai_server.reply = lambda messages: REPLY
    openai_server.fail_next(failures)
    assert backend_for(openai_server, max_retries=2).complete(MESSAGES).text == REPLY
    assert len(openai_server.chat_requests) == failures + 1


def test_stream_retries_too(openai_server: OpenAIServer) -> None:
    openai_server.reply = lambda messages: REPLY
    openai_server.fail_next(1)
    assert "".join(backend_for(openai_server, max_retries=1).stream(MESSAGES)) == REPLY
    assert len(openai_server.chat_requests) == 2


def test_too_many_failures_give_ak_e013(openai_server: OpenAIServer) -> None:
    openai_server.fail_next(3)
    with pytest.raises(AffectkitError) as caught:
        backend_for(openai_server, max_retries=2).complete(MESSAGES)
    assert caught.value.code == "AK-E013"
    assert "HTTP 500" in str(caught.value)
    assert "scripted failure" in str(caught.value)  # the server's own message
    assert "max_retries=2" in str(caught.value)
    assert len(openai_server.chat_requests) == 3


def test_client_errors_are_not_retried(openai_server: OpenAIServer) -> None:
    openai_server.fail_next(1, status=400)
    with pytest.raises(AffectkitError, match="HTTP 400") as caught:
        list(backend_for(openai_server, max_retries=2).stream(MESSAGES))
    assert caught.value.code == "AK-E013"
    assert len(openai_server.chat_requests) == 1


def test_wrong_api_key_gives_ak_e013_with_status(openai_server: OpenAIServer) -> None:
    openai_server.api_key = "right-key"
    with pytest.raises(AffectkitError, match="HTTP 401.*Incorrect API key") as caught:
        backend_for(openai_server, api_key="wrong-key").complete(MESSAGES)
    assert caught.value.code == "AK-E013"
    assert backend_for(openai_server, api_key="right-key").complete(MESSAGES).text.startswith("echo:")


def test_timeout_gives_ak_e013(openai_server: OpenAIServer) -> None:
    openai_server.delay = 5.0
    start = time.perf_counter()
    with pytest.raises(AffectkitError, match="timed out") as caught:
        backend_for(openai_server, timeout=0.3).complete(MESSAGES)
    assert caught.value.code == "AK-E013"
    assert time.perf_counter() - start < 3.0


def test_timeout_is_retried(openai_server: OpenAIServer) -> None:
    openai_server.delay = 5.0
    with pytest.raises(AffectkitError, match="timed out.*max_retries=1"):
        backend_for(openai_server, timeout=0.2, max_retries=1).complete(MESSAGES)
    assert len(openai_server.chat_requests) == 2


def test_connection_refused_gives_ak_e013() -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    backend = ChatBackend(BackendSettings(base_url=f"http://127.0.0.1:{port}/v1", model="m", max_retries=0))
    with pytest.raises(AffectkitError, match=f"could not connect to the LLM backend at http://127.0.0.1:{port}/v1"):
        backend.complete(MESSAGES)
    with pytest.raises(AffectkitError) as caught:
        backend.stream(MESSAGES)
    assert caught.value.code == "AK-E013"


# ---- configuration -----------------------------------------------------------------------------------------


def test_unconfigured_gives_ak_e012_naming_the_variables() -> None:
    settings = BackendSettings.from_env()
    assert not settings.configured
    backend = ChatBackend(settings)
    for call in (backend.complete, backend.stream):
        with pytest.raises(AffectkitError) as caught:
            call(MESSAGES)
        assert caught.value.code == "AK-E012"
        message = str(caught.value)
        for variable in ("AFFECTKIT_LLM_BASE_URL", "AFFECTKIT_LLM_MODEL", "OPENAI_API_KEY"):
            assert variable in message


def test_missing_model_only_names_the_model_variable(openai_server: OpenAIServer) -> None:
    with pytest.raises(AffectkitError) as caught:
        get_backend(base_url=openai_server.base_url).complete(MESSAGES)
    assert caught.value.code == "AK-E012"
    assert "AFFECTKIT_LLM_MODEL" in str(caught.value)
    assert "AFFECTKIT_LLM_BASE_URL" not in str(caught.value)
    assert openai_server.requests == []


def test_env_defaults() -> None:
    settings = BackendSettings.from_env()
    assert settings.base_url is None and settings.model is None
    assert settings.api_key == "not-needed"
    assert (settings.timeout, settings.max_retries, settings.temperature, settings.max_tokens) == (60, 2, 0.7, None)


def test_env_falls_back_to_openai_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_BASE_URL", "http://openai-fallback/v1")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-openai")
    monkeypatch.setenv("AFFECTKIT_LLM_MODEL", "m")
    settings = BackendSettings.from_env()
    assert (settings.base_url, settings.api_key, settings.model) == ("http://openai-fallback/v1", "sk-openai", "m")
    assert settings.configured


def test_openai_key_without_base_url_means_openai(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-openai")
    monkeypatch.setenv("AFFECTKIT_LLM_MODEL", "gpt-4o-mini")
    settings = BackendSettings.from_env()
    assert settings.configured and settings.base_url is None
    assert settings.endpoint == "https://api.openai.com/v1"


def test_affectkit_variables_win_over_openai_ones(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_BASE_URL", "http://openai-fallback/v1")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-openai")
    monkeypatch.setenv("AFFECTKIT_LLM_BASE_URL", "http://affectkit/v1")
    monkeypatch.setenv("AFFECTKIT_LLM_API_KEY", "ak-key")
    monkeypatch.setenv("AFFECTKIT_LLM_MODEL", "env-model")
    settings = BackendSettings.from_env()
    assert (settings.base_url, settings.api_key, settings.model) == ("http://affectkit/v1", "ak-key", "env-model")


def test_openai_key_is_not_sent_to_another_server(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-openai")
    monkeypatch.setenv("AFFECTKIT_LLM_BASE_URL", "http://third-party/v1")
    monkeypatch.setenv("AFFECTKIT_LLM_MODEL", "m")
    assert BackendSettings.from_env().api_key == "not-needed"
    assert BackendSettings.from_env(base_url="http://other/v1").api_key == "not-needed"
    assert BackendSettings.from_env(base_url="http://other/v1", api_key="sk-mine").api_key == "sk-mine"
    monkeypatch.delenv("AFFECTKIT_LLM_BASE_URL")
    assert BackendSettings.from_env().api_key == "sk-openai"  # OpenAI itself


def test_overrides_win_over_env_and_none_is_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AFFECTKIT_LLM_BASE_URL", "http://affectkit/v1")
    monkeypatch.setenv("AFFECTKIT_LLM_MODEL", "env-model")
    monkeypatch.setenv("AFFECTKIT_LLM_API_KEY", "")  # empty counts as unset
    settings = BackendSettings.from_env(model="override", base_url=None, timeout=3)
    assert (settings.base_url, settings.model, settings.timeout) == ("http://affectkit/v1", "override", 3)
    assert settings.api_key == "not-needed"


def test_settings_reject_typos_and_bad_values() -> None:
    with pytest.raises(AffectkitError) as error:
        BackendSettings.from_env(modle="m")
    assert (error.value.code, error.value.field) == ("AK-E005", "modle")
    with pytest.raises(ValueError):
        BackendSettings(timeout=0)
    with pytest.raises(ValueError):
        BackendSettings(max_retries=-1)


@pytest.mark.parametrize("timeout", [0.0, -1.0, float("nan"), float("inf"), 1e300])
def test_a_timeout_that_is_no_number_of_seconds_is_ak_e005(timeout: float) -> None:
    with pytest.raises(AffectkitError) as error:
        BackendSettings.from_env(base_url="http://localhost:1/v1", model="m", timeout=timeout)
    assert (error.value.code, error.value.field) == ("AK-E005", "timeout")


@pytest.mark.parametrize("content_type", ["text/html", "application/json"])
def test_a_200_answer_that_is_no_completion_gives_ak_e013(openai_server: OpenAIServer, content_type: str) -> None:
    openai_server.answer_raw(b"<html><body>Please log in</body></html>", content_type)
    with pytest.raises(AffectkitError) as error, backend_for(openai_server) as backend:
        backend.complete(MESSAGES)
    assert error.value.code == "AK-E013" and openai_server.base_url in str(error.value)


def test_a_null_content_gives_ak_e013_not_an_empty_reply(openai_server: OpenAIServer) -> None:
    openai_server.reply = lambda messages: None
    with pytest.raises(AffectkitError) as error, backend_for(openai_server) as backend:
        backend.complete(MESSAGES)
    assert error.value.code == "AK-E013" and "no content" in str(error.value)
    with backend_for(openai_server) as backend:  # streamed, it is simply no deltas
        assert list(backend.stream(MESSAGES)) == []


def test_api_key_is_not_in_repr() -> None:
    settings = BackendSettings(base_url="http://x/v1", api_key="sk-very-secret", model="m")
    assert "sk-very-secret" not in repr(settings)
    assert "sk-very-secret" not in repr(ChatBackend(settings))


def test_server_env_configures_the_backend(openai_server: OpenAIServer, monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in openai_server.env().items():
        monkeypatch.setenv(name, value)
    assert get_backend().complete([{"role": "user", "content": "hi"}]).text == "echo: hi"
    assert openai_server.chat_requests[0].headers["authorization"] == "Bearer test-key"


# ---- messages ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("messages", "field"),
    [
        ("I failed", "messages"),
        ({"role": "user", "content": "hi"}, "messages"),
        (["hi"], "messages[0]"),
        ([{"content": "hi"}], "messages[0].role"),
        ([{"role": "user"}], "messages[0].content"),
        ([{"role": "robot", "content": "hi"}], "messages[0].role"),
        ([{"role": "user", "content": None}], "messages[0].content"),
        ([{"role": "user", "content": "ok"}, {"role": "user", "content": 3}], "messages[1].content"),
        ([{"role": "user", "contents": "hi"}], "messages[0]"),
    ],
)
def test_malformed_messages_give_ak_e005(openai_server: OpenAIServer, messages: Any, field: str) -> None:
    backend = backend_for(openai_server)
    for call in (backend.complete, backend.stream, validate_messages):
        with pytest.raises(AffectkitError) as caught:
            call(messages)
        assert (caught.value.code, caught.value.field) == ("AK-E005", field)
    assert openai_server.requests == []


def test_no_messages_give_ak_e009(openai_server: OpenAIServer) -> None:
    with pytest.raises(AffectkitError) as caught:
        backend_for(openai_server).complete([])
    assert caught.value.code == "AK-E009"


def test_message_validation_comes_before_configuration() -> None:
    with pytest.raises(AffectkitError) as caught:
        ChatBackend(BackendSettings()).complete([{"role": "robot", "content": "x"}])
    assert caught.value.code == "AK-E005"


def test_missing_openai_package_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "openai", None)
    backend = ChatBackend(BackendSettings(base_url="http://127.0.0.1:9/v1", model="m"))
    with pytest.raises(AffectkitError) as caught:
        backend.complete(MESSAGES)
    assert caught.value.code == "AK-E008"
    assert "affectkit[llm]" in str(caught.value)


# ---- the test server itself (other suites rely on its shapes) ----------------------------------------------


def test_server_lists_models_for_the_openai_sdk(openai_server: OpenAIServer) -> None:
    import openai

    openai_server.models = ["test-model", "other-model"]
    with openai.OpenAI(base_url=openai_server.base_url, api_key="x", max_retries=0) as client:
        assert [model.id for model in client.models.list()] == ["test-model", "other-model"]


def test_server_streams_usage_when_asked(openai_server: OpenAIServer) -> None:
    import openai

    openai_server.reply = lambda messages: REPLY
    with openai.OpenAI(base_url=openai_server.base_url, api_key="x", max_retries=0) as client:
        chunks = list(
            client.chat.completions.create(
                model="test-model", messages=MESSAGES, stream=True, stream_options={"include_usage": True}
            )
        )
    assert chunks[0].choices[0].delta.role == "assistant"
    assert chunks[-2].choices[0].finish_reason == "stop"
    assert chunks[-1].choices == [] and chunks[-1].usage is not None
    assert chunks[-1].usage.completion_tokens == len(REPLY.split())
    assert all(chunk.usage is None for chunk in chunks[:-1])


def test_server_speaks_raw_openai_json(openai_server: OpenAIServer) -> None:
    request = urllib.request.Request(
        openai_server.base_url + "/chat/completions",
        data=json.dumps({"model": "m", "messages": MESSAGES, "n": 2}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=5) as response:
        body = json.load(response)
    assert body["object"] == "chat.completion"
    assert [choice["index"] for choice in body["choices"]] == [0, 1]
    assert body["choices"][0]["message"] == {
        "role": "assistant",
        "content": "echo: " + MESSAGES[1]["content"],
        "refusal": None,
    }
    assert set(body["usage"]) == {"prompt_tokens", "completion_tokens", "total_tokens"}
    bad = urllib.request.Request(openai_server.base_url + "/chat/completions", data=b"{}")
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(bad, timeout=5)
    assert caught.value.code == 400
    assert "model" in json.load(caught.value)["error"]["message"]
