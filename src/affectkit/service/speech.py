"""``POST /v1/speech``: the emotion in an uploaded recording's voice, fused with its transcript when one is given
(needs the ``speech`` extra where the service runs).

The request body is the audio file's bytes as they are (WAV, FLAC or OGG; no form encoding), with a
``Content-Type`` such as ``audio/wav`` or ``application/octet-stream``; the format is found from the bytes.
Query parameters: ``transcript`` (what is said; its words are read by the text model and fused with the voice),
``calibrate`` (one speaker only: fit a speaker profile on the recording itself when it holds 10 or more windows
of speech). The answer is a :class:`~affectkit.types.SpeechAnalysis`, as ``affectkit speech FILE -f json``
prints it.

Limits: the body at most ``AFFECTKIT_MAX_AUDIO_BYTES`` (413 ``AK-E023``), the recording at most
``AFFECTKIT_MAX_AUDIO_SECONDS`` long (413 ``AK-E036``, read from the file's header before decoding), the
transcript at most ``AFFECTKIT_MAX_TEXT_CHARS``. The transcript is dropped from the models' text caches before the
answer (:meth:`~affectkit.service.runtime.Conversations.read_once`), so no reading of it is left that an erasure
would have to find. Bad audio is the client's error, never the server's: 422 with
``AK-E030`` (not audio, corrupt), ``AK-E031`` (empty, too short) or ``AK-E032`` (silent); a form upload is 415
``AK-E030``. Without the ``speech`` extra the route answers 503 ``AK-E026``.

Example:
    >>> "/v1/speech" in [route.path for route in build_router().routes]
    True
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response

from affectkit.errors import AffectkitError
from affectkit.service.app import KeyId, RuntimeDep
from affectkit.service.problems import PROBLEM, ServiceError
from affectkit.types import SpeechAnalysis

PATH = "/v1/speech"
AUDIO_TYPES = ["audio/wav", "audio/flac", "audio/ogg", "application/octet-stream"]
_PROBLEM_RESPONSE = {"content": {PROBLEM: {"schema": {"type": "object"}}}}


def _request_body() -> dict[str, Any]:
    binary = {"schema": {"type": "string", "format": "binary"}}
    return {"requestBody": {
        "required": True,
        "description": "the recording's bytes (WAV, FLAC or OGG, any rate and channels; the format is read from "
                       "the bytes), at most AFFECTKIT_MAX_AUDIO_BYTES",
        "content": {media: binary for media in AUDIO_TYPES},
    }}


def read_upload(data: bytes, transcript: str | None, calibrate: bool, max_seconds: float) -> Any:
    """The :class:`~affectkit.types.SpeechAnalysis` of uploaded bytes (on the model thread)."""
    from affectkit.speech.analyze import analyze_speech
    from affectkit.speech.audio import load_audio

    audio = load_audio(data, max_seconds=max_seconds, name="<upload>")
    return analyze_speech(audio, transcript, calibrate=calibrate)


def build_router() -> APIRouter:
    """The speech route; authentication and the runtime come from :mod:`affectkit.service.app`."""
    router = APIRouter()

    @router.post(
        PATH, tags=["speech"], summary="The emotion in an uploaded recording's voice, fused with its transcript",
        openapi_extra=_request_body(),
        response_model=SpeechAnalysis, response_description="the reading, as `affectkit speech FILE -f json`",
        responses={413: {"description": "AK-E023 body too large, AK-E036 recording too long", **_PROBLEM_RESPONSE},
                   415: {"description": "AK-E030: a form upload; send the file's bytes as the body",
                         **_PROBLEM_RESPONSE},
                   422: {"description": "AK-E030 not audio, AK-E031 empty or too short, AK-E032 silent",
                         **_PROBLEM_RESPONSE},
                   503: {"description": "AK-E026: the speech extra is not installed", **_PROBLEM_RESPONSE}},
    )
    async def speech(
        request: Request,
        key: KeyId,
        runtime: RuntimeDep,
        transcript: Annotated[str | None, Query(description="what is said in the recording")] = None,
        calibrate: Annotated[bool, Query(description="one speaker only: fit a speaker profile on the recording "
                                                     "itself (10+ windows of speech)")] = False,
    ) -> Response:
        settings = runtime.settings
        if request.headers.get("content-type", "").startswith(("multipart/", "application/x-www-form-urlencoded")):
            raise ServiceError(415, "AK-E030", "send the audio file's bytes as the request body (Content-Type: "
                               "audio/wav, audio/flac, audio/ogg or application/octet-stream), not a form")
        if transcript is not None and len(transcript) > settings.max_text_chars:
            raise ServiceError(413, "AK-E023", f"the transcript has {len(transcript)} characters, more than "
                               f"{settings.max_text_chars} (AFFECTKIT_MAX_TEXT_CHARS)")
        data = await request.body()
        if len(data) > settings.max_audio_bytes:  # the body limit normally stops it first
            raise ServiceError(413, "AK-E023", f"the audio is larger than {settings.max_audio_bytes} bytes "
                               "(AFFECTKIT_MAX_AUDIO_BYTES)")
        try:  # the transcript leaves the models' caches before the answer, as the texts of /v1/plan do
            result = await runtime.models.run("speech", runtime.conversations.read_once,
                                              [transcript] if transcript is not None else [], read_upload, data,
                                              transcript, calibrate, settings.max_audio_seconds)
        except AffectkitError as error:
            if error.code == "AK-E036":
                raise ServiceError(413, error.code, f"{error.message} (AFFECTKIT_MAX_AUDIO_SECONDS)") from error
            if error.code == "AK-E008":
                raise ServiceError(503, "AK-E026", f"speech is not available here: {error.message}") from error
            raise  # AK-E030..E033: answered 422 with the code by the service's handler
        return Response(result.model_dump_json(), media_type="application/json")

    return router
