"""The FastAPI application: ``create_app()`` builds it, its lifespan loads the models once per process.

Routes (every ``/v1`` route needs ``Authorization: Bearer <key>``, see ``affectkit keys``):

* ``POST /v1/analyze``: texts -> ``TextAnalysis`` objects, micro-batched across concurrent requests;
* ``POST /v1/conversations``, ``POST /v1/conversations/{id}/utterances``, ``GET`` (paged) and ``DELETE
  /v1/conversations/{id}``, ``GET /v1/conversations/{id}/plan``: stored conversations analysed one utterance at a
  time (an append answers what is new, so that its size does not grow with the conversation);
* ``POST /v1/plan``, ``/v1/check-reply``, ``/v1/respond`` (the last only with an LLM backend configured);
* ``POST /v1/speech``: an uploaded recording's voice, fused with its transcript (:mod:`affectkit.service.speech`);
* ``GET /v1/info``; and without a key ``GET /healthz``, ``/readyz``, ``/metrics``, ``/openapi.json``, ``/docs``.

Errors are ``application/problem+json`` with an affectkit code (see :mod:`affectkit.service.problems`).

Example:
    >>> from affectkit.service.settings import ServiceSettings
    >>> app = create_app(ServiceSettings(database_url="sqlite:///:memory:"))
    >>> "/v1/analyze" in app.openapi()["paths"]
    True
"""

from __future__ import annotations

import asyncio
import logging
import math
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, Query, Request, Response, WebSocket
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from affectkit import __version__
from affectkit.service import schemas
from affectkit.service.limits import BodyLimitMiddleware, RateLimiter
from affectkit.service.metrics import Metrics, MetricsMiddleware
from affectkit.service.problems import ServiceError, document, install
from affectkit.service.runtime import (
    Conversations,
    MicroBatcher,
    ModelThread,
    StoreWriter,
    analysis_from_store,
    analyze_texts,
    plan_from_store,
    warm_up,
)
from affectkit.service.settings import ServiceSettings, get_settings
from affectkit.service.storage import Store, hash_token
from affectkit.types import Utterance

logger = logging.getLogger("affectkit.service")


class Runtime:
    """Everything one process of the service holds (see :mod:`affectkit.service.runtime`)."""

    def __init__(self, settings: ServiceSettings) -> None:
        self.settings = settings
        self.metrics = Metrics()
        self.store = Store(settings.database_url)
        self.models = ModelThread(self.metrics)
        self.conversations = Conversations(self.store, self.models, self.metrics, settings.tracker_cache_size,
                                           settings.max_turns, settings.max_speakers)
        self.batcher = MicroBatcher(self.models, analyze_texts, settings.batch_max_texts,
                                    settings.batch_wait_ms / 1000.0, self.metrics, max_chars=settings.batch_max_chars)
        self.conversations.prefetcher = MicroBatcher(self.models, self.conversations.prefetch,
                                                     settings.batch_max_texts, settings.batch_wait_ms / 1000.0,
                                                     self.metrics, task="utterance",
                                                     max_chars=settings.batch_max_chars)
        self.conversations.writer = StoreWriter(self.store)
        self.limiter = RateLimiter(settings.rate_limit_per_minute, settings.rate_limit_burst)
        self.keys: dict[str, tuple[str, float]] = {}
        self.info: dict[str, Any] = {}
        self.ready = False
        self.retention_task: asyncio.Task[None] | None = None
        self.erasure_task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        self.batcher.start()
        assert self.conversations.prefetcher is not None
        self.conversations.prefetcher.start()
        assert self.conversations.writer is not None
        self.conversations.writer.start()
        self.info = await self.models.run("load", warm_up, self.conversations)
        # erasures logged before this process started concern nothing it holds
        self.conversations.erasures_seen = await asyncio.to_thread(self.store.erasure_seq)
        self.erasure_task = asyncio.get_running_loop().create_task(self._erasure_loop())
        if self.settings.retention_days > 0:
            await self.enforce_retention()
            self.retention_task = asyncio.get_running_loop().create_task(self._retention_loop())
        self.ready = True

    async def stop(self) -> None:
        self.ready = False
        for task in (self.retention_task, self.erasure_task, self.conversations.flushing):
            if task is not None:
                task.cancel()
        await self.batcher.stop()
        if self.conversations.prefetcher is not None:
            await self.conversations.prefetcher.stop()
        if self.conversations.writer is not None:
            await self.conversations.writer.stop()
        self.models.close()
        self.store.close()

    async def enforce_retention(self) -> list[str]:
        """Erase the conversations older than the retention period; returns their ids."""
        erased = await asyncio.to_thread(self.store.erase_older_than, self.settings.retention_days)
        for conversation_id, texts in erased.items():
            await self.conversations.erase(conversation_id, texts)
        ids = list(erased)
        if ids:
            logger.info("retention: erased %d conversation(s) older than %g days", len(ids),
                        self.settings.retention_days)
        return ids

    async def _retention_loop(self) -> None:
        while True:
            await asyncio.sleep(self.settings.retention_interval_seconds)
            try:
                await self.enforce_retention()
            except Exception:
                logger.exception("retention failed; trying again in %g s", self.settings.retention_interval_seconds)

    async def _erasure_loop(self) -> None:
        """Act on other workers' erasures even when no request comes (see :mod:`affectkit.service.runtime`)."""
        while True:
            await asyncio.sleep(self.settings.erasure_check_seconds)
            try:
                await self.conversations.catch_up()
                await self.conversations.flush()
            except Exception:
                logger.exception("reading the erasure log failed; trying again in %g s",
                                 self.settings.erasure_check_seconds)

    async def key_id(self, token: str) -> str | None:
        digest = hash_token(token)
        cached = self.keys.get(digest)
        now = time.monotonic()
        if cached is not None and cached[1] > now:
            return cached[0]
        key_id = await asyncio.to_thread(self.store.key_for_token, token)
        if key_id is None:
            self.keys.pop(digest, None)
            return None
        if self.settings.key_cache_seconds > 0:
            if len(self.keys) > 10_000:
                self.keys.clear()
            self.keys[digest] = (key_id, now + self.settings.key_cache_seconds)
        return key_id


async def _runtime(request: Request) -> Runtime:
    # async: FastAPI would run a plain function in its thread pool, a thread hop on every request for an attribute
    runtime: Runtime = request.app.state.runtime
    return runtime


RuntimeDep = Annotated[Runtime, Depends(_runtime)]
bearer = HTTPBearer(auto_error=False, description="an API key from `affectkit keys create`")


async def _authenticate(runtime: RuntimeDep,
                        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]) -> str:
    if credentials is None or not credentials.credentials:
        raise ServiceError(401, "AK-E021", "an API key is needed: Authorization: Bearer <key>",
                           {"WWW-Authenticate": "Bearer"})
    key_id = await runtime.key_id(credentials.credentials)
    if key_id is None:
        raise ServiceError(401, "AK-E021", "unknown or revoked API key", {"WWW-Authenticate": "Bearer"})
    wait = runtime.limiter.take(key_id)
    if wait > 0:
        raise ServiceError(429, "AK-E024", "rate limit exceeded for this API key",
                           {"Retry-After": str(math.ceil(wait))})
    return key_id


KeyId = Annotated[str, Depends(_authenticate)]


def _check_texts(texts: list[str], limit: int, what: str = "text") -> None:
    for i, text in enumerate(texts):
        if len(text) > limit:
            raise ServiceError(413, "AK-E023", f"{what} {i} has {len(text)} characters, more than {limit} "
                               "(AFFECTKIT_MAX_TEXT_CHARS)")


def _check_conversation(conversation: schemas.ConversationIn, settings: ServiceSettings) -> None:
    if len(conversation.utterances) > settings.max_inline_turns:
        raise ServiceError(413, "AK-E023", f"{len(conversation.utterances)} utterances, more than "
                           f"{settings.max_inline_turns} in a conversation sent whole (AFFECTKIT_MAX_INLINE_TURNS); "
                           "store a longer one (POST /v1/conversations) and append its utterances")
    _check_texts([u.text for u in conversation.utterances], settings.max_text_chars, "utterance")


def _json(data: str, status: int = 200) -> Response:
    return Response(data, status_code=status, media_type="application/json")


def build_router() -> APIRouter:
    router = APIRouter(prefix="/v1")

    @router.post("/analyze", response_model=schemas.AnalyzeResponse, tags=["texts"],
                 summary="Analyse texts: emotions, VAD, sentiment, language (micro-batched)")
    async def analyze(body: schemas.AnalyzeRequest, key: KeyId, runtime: RuntimeDep) -> Response:
        settings = runtime.settings
        if len(body.texts) > settings.max_batch_texts:
            raise ServiceError(413, "AK-E023", f"{len(body.texts)} texts, more than {settings.max_batch_texts} "
                               "(AFFECTKIT_MAX_BATCH_TEXTS)")
        _check_texts(body.texts, settings.max_text_chars)
        if settings.log_texts:
            logger.info("analyze key=%s texts=%r", key, body.texts)
        analyses = await runtime.batcher.analyze([(text, body.domain) for text in body.texts])
        model = analyses[0].model if analyses else ""
        return _json('{"model":' + _quote(model) + ',"analyses":[' + ",".join(a.model_dump_json() for a in analyses)
                     + "]}")

    @router.post("/conversations", response_model=schemas.ConversationInfo, status_code=201, tags=["conversations"],
                 summary="Start a stored conversation")
    async def create_conversation(key: KeyId, runtime: RuntimeDep,
                                  body: schemas.CreateConversation | None = None) -> schemas.ConversationInfo:
        body = body or schemas.CreateConversation()
        stored = await asyncio.to_thread(runtime.store.create_conversation, key, body.agent, body.locale)
        return schemas.ConversationInfo(id=stored.id, agent=stored.agent, locale=stored.locale, turns=stored.turns,
                                        created_at=stored.created_at, updated_at=stored.updated_at)

    @router.post("/conversations/{conversation_id}/utterances", response_model=schemas.UtteranceResult,
                 tags=["conversations"],
                 summary="Append one utterance: what its turn brought (the turn in context, its speaker's new state, "
                 "the shifts and flags it raised, the next reply's plan in brief)",
                 responses={404: {"description": "no such conversation (AK-E022)"},
                            409: {"description": "an utterance with this `id` is already stored (AK-E050, with its "
                                  "`turn`), or another one was appended at the same time (AK-E025)"},
                            413: {"description": "the utterance is too long, or the conversation full (AK-E023)"}})
    async def append(conversation_id: str, body: schemas.UtteranceIn, key: KeyId,
                     runtime: RuntimeDep) -> Response:
        _check_texts([body.text], runtime.settings.max_text_chars, "utterance")
        if runtime.settings.log_texts:
            logger.info("utterance key=%s conversation=%s text=%r", key, conversation_id, body.text)
        utterance = Utterance(speaker=body.speaker, text=body.text, timestamp=body.timestamp, id=body.id)
        result = await runtime.conversations.append(key, conversation_id, utterance)
        return _json(utterance_result(conversation_id, result).model_dump_json())

    @router.get("/conversations/{conversation_id}", response_model=schemas.ConversationOut, tags=["conversations"],
                summary="A stored conversation with its analysis: all of it, or a page of turns (after=, limit=)")
    async def get_conversation(
            conversation_id: str, key: KeyId, runtime: RuntimeDep,
            after: Annotated[int | None, Query(ge=-1, le=MAX_TURN, description="only the turns after this one (-1 "
                                               "or absent: from the first)")] = None,
            limit: Annotated[int | None, Query(ge=1, le=MAX_PAGE, description="at most this many turns (absent: "
                                               "all of them)")] = None) -> Response:
        stored = await asyncio.to_thread(runtime.store.get_conversation, key, conversation_id)
        if stored is None:
            raise ServiceError(404, "AK-E022", f"no conversation {conversation_id!r}")
        rows = await asyncio.to_thread(runtime.store.utterances, conversation_id, after, limit)
        rows = [row for row in rows if row.turn < stored.turns]  # an append may have landed since: not yet shown
        paged = after is not None or limit is not None
        last = rows[-1].turn if rows else (after if after is not None else -1)
        more = paged and last + 1 < stored.turns
        out = schemas.ConversationOut(id=stored.id, agent=stored.agent, locale=stored.locale, turns=stored.turns,
                                      created_at=stored.created_at, updated_at=stored.updated_at,
                                      analysis=analysis_from_store(stored, rows),
                                      after=after, next_after=last if more else None)
        return _json(out.model_dump_json())

    @router.get("/conversations/{conversation_id}/plan", response_model=schemas.ResponsePlan, tags=["conversations"],
                summary="The plan of the agent's next reply, whole (with the chat messages for an LLM)",
                responses={404: {"description": "no such conversation, or nothing to plan yet (AK-E020: every turn "
                                 "so far is the agent's)"}})
    async def get_plan(conversation_id: str, key: KeyId, runtime: RuntimeDep) -> Response:
        stored = await asyncio.to_thread(runtime.store.get_conversation, key, conversation_id)
        if stored is None:
            raise ServiceError(404, "AK-E022", f"no conversation {conversation_id!r}")
        summary = stored.summary or {}
        if stored.turns and "plan" not in summary:  # stored before plans were stored: planned from the tracker
            the_plan = await runtime.conversations.current_plan(key, conversation_id)
        elif summary.get("plan") is None:
            the_plan = None
        else:
            rows = await asyncio.to_thread(runtime.store.utterances, conversation_id)
            # the turns the stored plan was made after (an append may have landed since the conversation was read)
            the_plan = plan_from_store(stored, [row for row in rows if row.turn < stored.turns])
        if the_plan is None:
            raise ServiceError(404, "AK-E020", "nothing to plan a reply to yet: every turn so far is the agent's")
        return _json(the_plan.model_dump_json())

    @router.delete("/conversations/{conversation_id}", status_code=204, tags=["conversations"],
                   summary="Erase a conversation and everything derived from it")
    async def delete_conversation(conversation_id: str, key: KeyId, runtime: RuntimeDep) -> Response:
        if not await runtime.conversations.delete(key, conversation_id):
            raise ServiceError(404, "AK-E022", f"no conversation {conversation_id!r}")
        return Response(status_code=204)

    @router.post("/plan", response_model=schemas.ResponsePlan, tags=["replies"],
                 summary="Plan the agent's next reply to a conversation")
    async def plan(body: schemas.PlanRequest, key: KeyId, runtime: RuntimeDep) -> Response:
        _check_conversation(body.conversation, runtime.settings)
        conversations = runtime.conversations
        result = await runtime.models.run("plan", conversations.read_once, _texts(body), _plan, body)
        return _json(result.model_dump_json())

    @router.post("/check-reply", response_model=schemas.ReplyCheck, tags=["replies"],
                 summary="Which response patterns a candidate reply shows")
    async def check_reply(body: schemas.CheckReplyRequest, key: KeyId, runtime: RuntimeDep) -> Response:
        from affectkit.planning.reply_check import check_reply as check

        _check_conversation(body.conversation, runtime.settings)
        _check_texts([body.reply], runtime.settings.max_text_chars, "reply")
        conversation = body.conversation.model_dump()
        result = await runtime.models.run("check_reply", runtime.conversations.read_once,
                                          [*_texts(body), body.reply], check, conversation, body.reply,
                                          body.language, assistant_speakers=(body.agent,))
        return _json(result.model_dump_json())

    @router.post("/respond", response_model=schemas.GeneratedReply, tags=["replies"],
                 summary="Plan the reply, have the configured LLM write it, and check it",
                 responses={503: {"description": "no LLM backend configured"}})
    async def respond(body: schemas.RespondRequest, key: KeyId, runtime: RuntimeDep) -> Response:
        from affectkit.backends import ChatBackend
        from affectkit.planning.reply_check import check_reply as check
        from affectkit.types import GeneratedReply

        settings = runtime.settings
        if not settings.llm_configured:
            raise ServiceError(503, "AK-E026", "no LLM backend configured: set AFFECTKIT_LLM_BASE_URL and "
                               "AFFECTKIT_LLM_MODEL (and AFFECTKIT_LLM_API_KEY if the server wants one)")
        _check_conversation(body.conversation, settings)
        conversations = runtime.conversations
        the_plan = await runtime.models.run("plan", conversations.read_once, _texts(body), _plan, body)
        backend_settings = settings.backend_settings()

        def generate() -> Any:
            with ChatBackend(backend_settings) as backend:
                return backend.complete(the_plan.messages)

        generated = await asyncio.to_thread(generate)
        reply_check = await runtime.models.run("check_reply", conversations.read_once,
                                               [*_texts(body), generated.text], check,
                                               body.conversation.model_dump(), generated.text,
                                               assistant_speakers=(body.agent,))
        result = GeneratedReply(plan=the_plan, reply=generated.text, check=reply_check, model=generated.model,
                                latency_ms=round(generated.latency_ms, 1))
        return _json(result.model_dump_json())

    @router.websocket("/conversations/{conversation_id}/stream")
    async def stream(websocket: WebSocket, conversation_id: str) -> None:
        from affectkit.service.stream import serve_stream

        await serve_stream(websocket, websocket.app.state.runtime, conversation_id)

    @router.get("/info", response_model=schemas.Info, tags=["service"], summary="Models, versions, labels, languages")
    async def info(key: KeyId, runtime: RuntimeDep) -> schemas.Info:
        settings = runtime.settings
        limits = {"max_body_bytes": settings.max_body_bytes, "max_batch_texts": settings.max_batch_texts,
                  "max_text_chars": settings.max_text_chars, "max_turns": settings.max_turns,
                  "max_inline_turns": settings.max_inline_turns,
                  "max_speakers": settings.max_speakers,
                  "rate_limit_per_minute": settings.rate_limit_per_minute,
                  "retention_days": settings.retention_days, "max_audio_bytes": settings.max_audio_bytes,
                  "max_audio_seconds": settings.max_audio_seconds}
        return schemas.Info(limits=limits, **runtime.info)

    return router


MAX_PAGE = 1000  # most turns in one page of GET /v1/conversations/{id}
MAX_TURN = 2**31 - 1  # turn indices are 32-bit integers in the database


def utterance_result(conversation_id: str, result: Any) -> schemas.UtteranceResult:
    """The answer to an append (HTTP and the stream): what the new turn brought."""
    update = result.update
    return schemas.UtteranceResult(conversation_id=conversation_id, turns=result.turns, turn=update.turn,
                                   speaker=schemas.SpeakerState.of(update.summary), shifts=update.shifts,
                                   flags=update.flags,
                                   plan=schemas.PlanBrief.of(result.plan) if result.plan is not None else None)


def _texts(body: schemas.PlanRequest | schemas.CheckReplyRequest) -> list[str]:
    """The texts of the conversation sent with a request (read by the models, then dropped from their caches)."""
    return [utterance.text for utterance in body.conversation.utterances]


def _plan(body: schemas.PlanRequest) -> Any:
    from affectkit.planning.planner import plan

    return plan(body.conversation.model_dump(), persona=body.persona, debias=body.debias, agent=body.agent,
                stimulus=body.stimulus, locale=body.locale)


def _quote(text: str) -> str:
    import json

    return json.dumps(text)


def create_app(settings: ServiceSettings | None = None) -> FastAPI:
    """The service app. ``settings`` default to the environment's (:func:`get_settings`); the database
    tables are created here, the models are loaded by the lifespan (once per process)."""
    settings = settings if settings is not None else get_settings()
    runtime = Runtime(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await runtime.start()
        try:
            yield
        finally:
            await runtime.stop()

    app = FastAPI(title="affectkit", version=__version__, lifespan=lifespan,
                  description="Emotion understanding for conversational AI: texts, live conversations, reply "
                  "plans and checks. Errors are application/problem+json with an affectkit code (AK-Exxx).")
    app.state.runtime = runtime
    install(app)
    document(app)
    app.include_router(build_router())

    @app.api_route("/healthz", methods=["GET", "HEAD"], response_model=schemas.Health, tags=["service"],
                   summary="The process is alive")
    async def healthz() -> schemas.Health:
        return schemas.Health(status="ok")

    @app.get("/readyz", response_model=schemas.Health, tags=["service"],
             summary="Models loaded and database reachable", responses={503: {"model": schemas.Health}})
    async def readyz() -> Response:
        database = await asyncio.to_thread(runtime.store.ping)
        checks = {"models": runtime.ready, "database": database}
        ok = all(checks.values())
        body = schemas.Health(status="ready" if ok else "not ready", checks=checks)
        return _json(body.model_dump_json(), 200 if ok else 503)

    @app.get("/metrics", tags=["service"], summary="Prometheus metrics", response_class=Response)
    async def metrics() -> Response:
        data, content_type = runtime.metrics.render()
        return Response(data, media_type=content_type)

    from affectkit.service.speech import PATH as SPEECH_PATH
    from affectkit.service.speech import build_router as speech_router

    app.include_router(speech_router())
    from affectkit.service.dashboard import build_router as dashboard_router

    app.include_router(dashboard_router())

    if settings.cors_origins:
        from affectkit.service.limits import ProblemCORSMiddleware

        app.add_middleware(ProblemCORSMiddleware, allow_origins=settings.cors_origins,
                           allow_methods=["GET", "POST", "DELETE"], allow_headers=["Authorization", "Content-Type"],
                           max_age=600)
    app.add_middleware(BodyLimitMiddleware, limit=settings.max_body_bytes,
                       paths={SPEECH_PATH: (settings.max_audio_bytes, "AFFECTKIT_MAX_AUDIO_BYTES")})
    app.add_middleware(MetricsMiddleware, metrics=runtime.metrics)
    return app
