"""Prometheus metrics of one service process (``GET /metrics``).

* ``affectkit_requests_total{method, route, status}`` and ``affectkit_request_seconds{method, route}``: every
  request, by route template (``/v1/conversations/{conversation_id}``), never by raw path;
* ``affectkit_batch_texts{task}``: texts per micro-batch, ``affectkit_batch_requests{task}``: requests per
  micro-batch (``analyze``: ``/v1/analyze``; ``utterance``: the texts of appended utterances, read ahead);
* ``affectkit_model_seconds{task}``: time in the models (``analyze``, ``utterance``, ``plan``, ...);
* ``affectkit_live_conversations``: conversations whose tracker is in memory.

Each app has its own registry. With several uvicorn workers, each answers with its own figures unless
``PROMETHEUS_MULTIPROC_DIR`` is set (prometheus-client's multiprocess mode).

Example:
    >>> metrics = Metrics()
    >>> metrics.batch_texts.labels("analyze").observe(3)
    >>> b'affectkit_batch_texts_count{task="analyze"} 1.0' in metrics.render()[0]
    True
"""

from __future__ import annotations

import os
import time
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST

LATENCY_BUCKETS = (0.002, 0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)
SIZE_BUCKETS = (1, 2, 4, 8, 16, 32, 64, 128, 256, 512)


class Metrics:
    """The metrics of one app (see the module docstring)."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter("affectkit_requests_total", "HTTP requests", ["method", "route", "status"],
                                registry=self.registry)
        self.latency = Histogram("affectkit_request_seconds", "HTTP request latency", ["method", "route"],
                                 buckets=LATENCY_BUCKETS, registry=self.registry)
        self.batch_texts = Histogram("affectkit_batch_texts", "texts per micro-batch", ["task"],
                                     buckets=SIZE_BUCKETS, registry=self.registry)
        self.batch_requests = Histogram("affectkit_batch_requests", "requests per micro-batch", ["task"],
                                        buckets=SIZE_BUCKETS, registry=self.registry)
        self.model_seconds = Histogram("affectkit_model_seconds", "time spent in the models", ["task"],
                                       buckets=LATENCY_BUCKETS, registry=self.registry)
        self.live_conversations = Gauge("affectkit_live_conversations", "conversation trackers in memory",
                                        registry=self.registry)

    def render(self) -> tuple[bytes, str]:
        """The exposition text and its content type."""
        if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
            from prometheus_client import multiprocess

            registry = CollectorRegistry()
            multiprocess.MultiProcessCollector(registry)
            return generate_latest(registry), CONTENT_TYPE_LATEST
        return generate_latest(self.registry), CONTENT_TYPE_LATEST


class MetricsMiddleware:
    """Pure ASGI middleware counting every HTTP request by route template and status (500 when the app raised)."""

    def __init__(self, app: Any, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = {"code": 500}

        async def sending(message: Any) -> None:
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            route = scope.get("route")
            template = getattr(route, "path", None) or "unmatched"
            method = scope.get("method", "?")
            self.metrics.requests.labels(method, template, str(status["code"])).inc()
            self.metrics.latency.labels(method, template).observe(time.perf_counter() - started)
