"""Service settings, read from the environment (prefix ``AFFECTKIT_``) by pydantic-settings.

Every field is a variable: ``database_url`` is ``AFFECTKIT_DATABASE_URL``, ``cors_origins`` is
``AFFECTKIT_CORS_ORIGINS`` (a JSON list or comma-separated), and so on. The LLM backend of ``/v1/respond``
uses the same variables as ``affectkit respond``: ``AFFECTKIT_LLM_BASE_URL``, ``AFFECTKIT_LLM_MODEL``,
``AFFECTKIT_LLM_API_KEY``.

Example:
    >>> settings = ServiceSettings(database_url="sqlite:///:memory:", rate_limit_per_minute=0)
    >>> settings.max_batch_texts, settings.llm_configured
    (256, False)
"""

from __future__ import annotations

from functools import cache
from typing import Annotated, Any

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict


class ServiceSettings(BaseSettings):
    """What ``affectkit serve`` reads from the environment; see the README's settings table."""

    model_config = SettingsConfigDict(env_prefix="AFFECTKIT_", extra="ignore", frozen=True)

    database_url: str = Field(default="sqlite:///affectkit.db", description="SQLAlchemy URL: SQLite file or "
                              "postgresql://user:password@host/db (driver psycopg)")
    max_body_bytes: int = Field(default=1_000_000, ge=1, description="largest request body accepted (413 above)")
    max_batch_texts: int = Field(default=256, ge=1, description="most texts in one /v1/analyze request (413)")
    max_text_chars: int = Field(default=20_000, ge=1, description="longest text or utterance accepted (413)")
    max_turns: int = Field(default=5_000, ge=1, description="most utterances in one conversation (413)")
    max_inline_turns: int = Field(default=500, ge=1, description="most utterances in a conversation sent whole to "
                                  "/v1/plan, /v1/check-reply or /v1/respond (413): it is read at once, while other "
                                  "requests wait; store a longer one and append to it")
    max_speakers: int = Field(default=64, ge=1, description="most distinct speakers in one stored conversation "
                              "(413 AK-E060): the stored summary and an append's work grow with them")
    max_audio_bytes: int = Field(default=20_000_000, ge=1, description="largest audio upload to /v1/speech (413)")
    max_audio_seconds: float = Field(default=600.0, gt=0, description="longest recording /v1/speech reads (413)")
    rate_limit_per_minute: float = Field(default=600, ge=0, description="requests per minute and API key, per "
                                         "worker process (0: no limit)")
    rate_limit_burst: int = Field(default=60, ge=1, description="requests a key may send at once before limiting")
    cors_origins: Annotated[list[str], NoDecode] = Field(default_factory=list, description="origins allowed by "
                                                         "CORS (comma-separated; empty: CORS off)")
    retention_days: float = Field(default=30, ge=0, description="delete conversations this many days after "
                                  "their last utterance (0: keep forever)")
    retention_interval_seconds: float = Field(default=3600, gt=0, description="how often retention runs")
    batch_max_texts: int = Field(default=64, ge=1, description="most texts per micro-batch of /v1/analyze")
    batch_max_chars: int = Field(default=20_000, ge=1, description="most characters per micro-batch: a larger "
                                 "request is read in pieces, taking turns with the other requests")
    batch_wait_ms: float = Field(default=2.0, ge=0, description="longest wait for more requests to join a batch")
    key_cache_seconds: float = Field(default=5.0, ge=0, description="how long a checked API key is trusted "
                                     "before it is looked up again (a revoked key works this long at most)")
    erasure_check_seconds: float = Field(default=15.0, gt=0, description="how often a worker reads the erasure "
                                         "log when no append comes, to forget conversations erased by others")
    tracker_cache_size: int = Field(default=1024, ge=1, description="live conversations kept in memory per worker")
    log_texts: bool = Field(default=False, description="write request texts to the log (off: texts are never "
                            "logged)")
    llm_base_url: str | None = None
    llm_model: str | None = None
    llm_api_key: str | None = Field(default=None, repr=False)
    llm_timeout: float = Field(default=60.0, gt=0, le=86_400)

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _origins(cls, value: Any) -> Any:
        if isinstance(value, str):
            text = value.strip()
            if text.startswith("["):
                import json

                return json.loads(text)
            return [origin.strip() for origin in text.split(",") if origin.strip()]
        return value

    @property
    def llm_configured(self) -> bool:
        """True when ``/v1/respond`` has an LLM backend: a base URL (or an API key for OpenAI) and a model."""
        return bool(self.llm_model) and bool(self.llm_base_url or self.llm_api_key)

    def backend_settings(self) -> Any:
        """The :class:`affectkit.backends.BackendSettings` of the configured LLM."""
        from affectkit.backends import BackendSettings

        values: dict[str, Any] = {"base_url": self.llm_base_url, "model": self.llm_model,
                                  "timeout": self.llm_timeout}
        if self.llm_api_key:
            values["api_key"] = self.llm_api_key
        return BackendSettings(**values)


def read_settings() -> ServiceSettings:
    """The settings in the environment now; a value that is not valid is ``AK-E005`` naming its variable
    (``AFFECTKIT_MAX_SPEAKERS=0``)."""
    from pydantic import ValidationError

    from affectkit.errors import AffectkitError

    try:
        return ServiceSettings()
    except ValidationError as error:
        first = error.errors()[0]
        variable = "AFFECTKIT_" + "_".join(str(part) for part in first["loc"]).upper()
        raise AffectkitError("AK-E005", f"{variable}: {first['msg']}", field=variable) from None


@cache
def get_settings() -> ServiceSettings:
    """The settings of this process, read once from the environment (:func:`read_settings`)."""
    return read_settings()
