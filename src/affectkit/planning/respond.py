"""Plan, generate with any OpenAI-compatible LLM, and check the reply: ``affectkit respond``.

Example (no backend configured: the plan and its messages come back, and no reply is invented):
    >>> from affectkit.backends import BackendSettings
    >>> result = respond({"utterances": [{"speaker": "user", "text": "I'm so tired of everything."}]},
    ...                  settings=BackendSettings())
    >>> result.reply is None, result.plan.messages[0]["role"], "AK-E012" in result.note
    (True, 'system', True)
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from affectkit.errors import AffectkitError
from affectkit.types import Conversation, GeneratedReply, Persona


def respond(
    conversation: Conversation | Mapping[str, Any] | Sequence[Any],
    persona: Persona | Mapping[str, float] | None = None,
    debias: bool = False,
    agent: str = "assistant",
    *,
    stimulus: str | None = None,
    locale: str | None = None,
    settings: Any = None,
    on_delta: Callable[[str], None] | None = None,
) -> GeneratedReply:
    """:func:`affectkit.plan` the reply, have the configured LLM write it, and :func:`affectkit.check_reply` it.

    ``locale`` picks the crisis resources of an escalation (see :func:`affectkit.plan`). ``settings`` is a
    :class:`affectkit.backends.BackendSettings` (default: from the environment). With
    ``on_delta`` the reply is streamed and each piece of text is passed to it as it arrives. Backend
    failures raise ``AK-E013``; an unconfigured backend is not an error: the result has ``reply=None``
    and a ``note`` saying what to set.
    """
    from affectkit.backends import BackendSettings, ChatBackend
    from affectkit.conversation.io import as_conversation
    from affectkit.planning.planner import plan
    from affectkit.planning.reply_check import check_reply

    conversation = as_conversation(conversation)
    the_plan = plan(conversation, persona=persona, debias=debias, agent=agent, stimulus=stimulus, locale=locale)
    settings = settings if settings is not None else BackendSettings.from_env()
    if not settings.configured:
        note = "AK-E012 no LLM backend configured: set " + "; ".join(settings.missing()) + \
            ". The plan and its messages are shown; no reply was generated."
        return GeneratedReply(plan=the_plan, reply=None, check=None, note=note)
    with ChatBackend(settings) as backend:
        if on_delta is None:
            result = backend.complete(the_plan.messages)
            reply, model, latency = result.text, result.model, result.latency_ms
        else:
            started = time.perf_counter()
            pieces = []
            for delta in backend.stream(the_plan.messages):
                pieces.append(delta)
                on_delta(delta)
            reply, model, latency = "".join(pieces), settings.model, (time.perf_counter() - started) * 1000
            if not pieces:  # as a null content in a whole answer: there is no reply to check
                raise AffectkitError("AK-E013", f"the LLM backend at {settings.endpoint} streamed no reply text")
    check = check_reply(conversation, reply, assistant_speakers=(agent,))
    return GeneratedReply(plan=the_plan, reply=reply, check=check, model=model, latency_ms=round(latency, 1))
