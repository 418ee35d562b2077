"""Coded errors and warnings. Codes are stable: users may match on them.

| code    | kind    | meaning |
|---------|---------|---------|
| AK-E001 | error   | input file not found, or not readable (a directory, no permission) |
| AK-E002 | error   | input bytes are not valid UTF-8 |
| AK-E003 | error   | a required column or field is missing |
| AK-E004 | error   | a line is not valid JSON (not an object, nested too deep to read), or a CSV record is malformed |
| AK-E005 | error   | a field has the wrong type (a text must be a string) |
| AK-E006 | error   | unknown recognizer name |
| AK-E007 | error   | a model folder is missing or incomplete |
| AK-E008 | error   | an optional dependency (extra) is not installed |
| AK-E009 | error   | the input holds no texts |
| AK-E010 | error   | a conversation turn is malformed (transcript line without `Speaker:`, empty speaker name) |
| AK-E011 | error   | unknown label in evaluation input |
| AK-E012 | error   | no LLM backend configured (base URL or API key, and model; see `affectkit.backends`) |
| AK-E013 | error   | the LLM backend failed (connection error, timeout, HTTP error after retries) |
| AK-E014 | error   | unknown emotional stimulus id (known: EP01-EP11, NP01-NP10) |
| AK-E015 | error   | unknown evaluation suite, or a malformed suite file (`affectkit eval`) |
| AK-E016 | error   | unknown solver variant in an evaluation suite |
| AK-E017 | error   | evaluation data missing: `--data` not given, or a task's data file or folder not found |
| AK-E018 | error   | an evaluation model cannot be used (unknown provider, missing base URL or API key, given twice) |
| AK-E019 | error   | the output cannot be written (`-o` a directory or in a missing folder, no permission, disk full) |
| AK-E020 | error   | nothing to plan a reply to: every turn of the conversation is the agent's (check `--agent`) |
| AK-E021 | error   | service: no API key, or an unknown or revoked one (`Authorization: Bearer <key>`) |
| AK-E022 | error   | service: no such conversation (or it belongs to another API key), or no such route |
| AK-E023 | error   | service: the request body or the batch is larger than the configured limit |
| AK-E024 | error   | service: rate limit of the API key exceeded (see `Retry-After`) |
| AK-E025 | error   | service: the request conflicts with another one (two utterances appended at once) |
| AK-E026 | error   | service: not ready, or a feature that is not configured (an LLM backend for `/v1/respond`) |
| AK-E027 | error   | service: an unexpected internal error (the log holds the details, the answer does not) |
| AK-E028 | error   | batch: the Ray cluster cannot be reached or started (`--address`, `--engine ray`) |
| AK-E029 | error   | service: the database cannot be opened (malformed URL, no driver, path or server out of reach) |
| AK-E030 | error   | speech: the audio cannot be read (not a file, not WAV/FLAC/OGG, corrupt, unsupported format) |
| AK-E031 | error   | speech: the audio is empty (no samples, or shorter than the shortest analysable clip) |
| AK-E032 | error   | speech: the audio is silent (no frame above the voice-activity threshold) |
| AK-E033 | error   | speech: an audio array or sample rate is malformed (not 1-D/2-D numbers, rate not positive, NaN) |
| AK-E034 | error   | speech: a speech model folder is missing or incomplete, or has an unknown feature set |
| AK-E035 | error   | speech: an expressive-output target is malformed (unknown emotion, VAD outside [-1, 1]) |
| AK-E036 | error   | speech: the audio is longer than the limit (`max_seconds`, `AFFECTKIT_MAX_AUDIO_SECONDS`) |
| AK-E040 | error   | multilingual: the language given (`language=`, `--language`) is not an ISO 639 code (`en`, `de`) |
| AK-E041 | error   | unknown text domain (`domain=`, `--domain`: `comments`, `stories`), or one the model lacks |
| AK-E050 | error   | service: an utterance with this `id` is already stored in the conversation (not appended again) |
| AK-E060 | error   | service: one more speaker than a stored conversation may hold (`AFFECTKIT_MAX_SPEAKERS`) |
| AK-W001 | warning | the text is empty or only whitespace |
| AK-W002 | warning | the text has no letters (digits, punctuation, or emoji and symbols the recognizer cannot read) |
| AK-W003 | warning | the text does not look English; the shipped models are trained on English |
| AK-W004 | warning | the text was longer than the model window and was analysed in overlapping windows |
| AK-W005 | warning | the lexicon found no emotion words (lexicon baseline only) |
| AK-W006 | warning | the recognizer gives no valence/arousal/dominance; neutral values (0, 0, 0) were used |
| AK-W007 | warning | the text holds U+FFFD: invalid Unicode (a lone surrogate) was replaced, or was lost upstream |
| AK-W008 | warning | risk detection is not available for the text's language: crisis flags may be missing |
| AK-W009 | warning | the agent of a plan has no turn in a conversation between other speakers (check `--agent`) |
| AK-W010 | warning | standard input looked like JSONL and was read as JSONL (`--input-format txt` reads raw lines) |
| AK-W011 | warning | licence `commercial`: causes come from a word-list heuristic (no permissive cause data exists) |
| AK-W012 | warning | retired (crisis-use@6): licence `commercial`, the crisis reader trained partly on DailyDialog |
| AK-W013 | warning | licence `commercial` is in force, but the models given explicitly are the non-commercial ones |
| AK-W014 | warning | crisis: none of the resources given apply to the user's locale or language; shipped lines shown |
| AK-W020 | warning | speech: part of the recording is silence or non-speech and was not read for emotion |
| AK-W021 | warning | speech: the recording was longer than one window and was analysed in windows (see `windows`) |
| AK-W022 | warning | speech: little voiced speech (under 1 s): the reading is unreliable |
| AK-W023 | warning | speech: voice and words disagree (e.g. a calm voice with dark words) |
| AK-W024 | warning | speech: the audio was clipped (many samples at full scale): loudness features are unreliable |
| AK-W025 | warning | speech: the audio was resampled to 16 kHz, or mixed down from several channels to mono |
| AK-W026 | warning | speech: read against a speaker profile fitted on the session's own speech (`calibrate`) |
| AK-W030 | warning | multilingual: the text's language has no labelled training data: its emotions are read zero-shot |
| AK-W031 | warning | multilingual: no model reads the language given (`language=`, `--language`); English model used |
| AK-W032 | warning | multilingual: a turn in another language was read alone by brighter-e5 (no context, no causes) |
| AK-W033 | warning | multilingual: the plan's strategy model read English-model features of other-language turns |
| AK-W034 | warning | reply check: no reply-check rules for the reply's language (en, es, de have them) |

Example:
    >>> str(AffectkitError("AK-E001", "no such file", source="a.txt"))
    'a.txt: AK-E001 no such file'
"""

from __future__ import annotations

from typing import Any


class AffectkitError(Exception):
    """An error with a stable code and, where it applies, where in the input it happened."""

    def __init__(
        self,
        code: str,
        message: str,
        *,
        source: str | None = None,
        line: int | None = None,
        field: str | None = None,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.source = source
        self.line = line
        self.field = field

    def __str__(self) -> str:
        where = ""
        if self.source is not None:
            where = self.source
            if self.line is not None:
                where += f":{self.line}"
            where += ": "
        field = f" (field '{self.field}')" if self.field else ""
        return f"{where}{self.code} {self.message}{field}"


def missing_extra(extra: str, module: str) -> AffectkitError:
    """The error raised when an optional dependency is absent."""
    return AffectkitError("AK-E008", f"'{module}' is not installed: pip install 'affectkit[{extra}]'")


def check_optional(*arguments: tuple[str, Any, type]) -> None:
    """AK-E005 naming the first of ``(name, value, kind)`` whose value is neither ``None`` nor a ``kind``."""
    for name, value, kind in arguments:
        if value is not None and not isinstance(value, kind):
            raise AffectkitError("AK-E005", f"{name} must be a {kind.__name__} or None, got {value!r:.60}", field=name)
