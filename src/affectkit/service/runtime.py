"""What one service process holds: the models, the thread that runs them, the micro-batcher of
``/v1/analyze`` and the live conversation trackers.

Every model call runs on one dedicated thread (the library's models and caches are not made for concurrent
callers; the text model spreads a batch over every core itself), so the event loop keeps serving while the
models work.

**Micro-batching.** ``/v1/analyze`` requests that arrive together are read in one call of the text model:
the first waiting request opens a batch, which takes the requests queued behind it until it holds
``batch_max_texts`` texts or ``batch_max_chars`` characters, or ``batch_wait_ms`` have passed. The text model
reads every text on its own, so a text's analysis never depends on the other requests of its batch; the batch only
amortises the overhead and keeps both cores busy. A request larger than one batch is read in pieces of that size,
one piece per turn: its next piece queues behind the requests that came meanwhile, so a large request costs the
others at most one piece's wait instead of all of its work.

**Conversations.** Each conversation has a :class:`~affectkit.conversation.ConversationTracker` in memory
(the ``tracker_cache_size`` most recently used); appending an utterance costs one turn's work, not the whole
conversation's (the tracker and the planner's state, :class:`~affectkit.planning.planner.LivePlanning`, read only
the new turn). A tracker missing from memory (a restart, another worker took the previous turn) is rebuilt
from the stored utterances. Appends to one conversation are serialised in the process; across processes the
database refuses the second of two appends at the same turn (409, ``AK-E025``). An utterance whose client ``id``
is already stored in the conversation is not appended again (409, ``AK-E050``, with that ``turn``), so that a client
may send again what it does not know to be stored (a dropped connection); the database's unique index makes this
hold for two workers storing the same ``id`` at the same instant too.

**What is stored.** Each turn's row holds its analysis, its flags and its speaker's new trajectory point and shifts;
the conversation's summary holds what does not grow with it (the speakers' arcs and dominant emotions, the contagion,
the latest plan without its flags and notes), so an append writes the same amount at turn 10 and turn 1000. The
summary and an append's work do grow with the number of distinct speakers (an arc per speaker, a contagion per pair
of speakers who answer each other), so a stored conversation holds at most ``max_speakers`` of them
(``AFFECTKIT_MAX_SPEAKERS``, 64 by default: 413 ``AK-E060`` for one more). The
lists (turns, trajectories, shifts, the plan's flags and notes) are put together again from the rows when read.
One writer per process (:class:`StoreWriter`) stores the appends, those waiting together in one transaction.

**What an append reads.** The new utterance only: its text is read ahead with the other appends waiting (the text
model; the risk detector for a turn not the agent's), then the tracker's step reads the few earlier turns it needs
from the caches.

**Forgetting.** The texts of stored conversations held in the models' caches (the utterance encoder's, the risk
detector's) are those of the live trackers (and of appends under way): a tracker that leaves memory (evicted, an
append that failed) takes its texts out of the caches with it. A worker that erases a conversation (DELETE,
retention) drops its tracker and its texts, and writes the erasure in the database's log (ids only); every worker
reads the log's latest entry with each append, before the caches are used, and every
``erasure_check_seconds``, and drops the trackers of conversations erased elsewhere, with their texts. The routes
that read a conversation sent with the request (``/v1/plan``, ``/v1/check-reply``, ``/v1/respond``), and
``/v1/speech`` its transcript, drop the texts they read from the caches before they answer
(:meth:`Conversations.read_once`), so no cached reading is left that an erasure would have to find: a client that
plans over the texts of a stored conversation, or sends one as a transcript, and then erases it leaves nothing
behind in any worker.
"""

from __future__ import annotations

import asyncio
import logging
import time
import weakref
from collections import OrderedDict, deque
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from typing import Any, TypeVar

from affectkit.errors import AffectkitError
from affectkit.service.metrics import Metrics
from affectkit.service.problems import ServiceError
from affectkit.service.storage import (
    Append,
    Store,
    StoredConversation,
    StoredUtterance,
    TurnTaken,
    UtteranceStored,
)
from affectkit.types import (
    ConversationAnalysis,
    ResponsePlan,
    Shift,
    TextAnalysis,
    TrackerUpdate,
    TrajectoryPoint,
    Utterance,
)

T = TypeVar("T")
logger = logging.getLogger("affectkit.service")


async def _cancel(worker: asyncio.Task[None] | None) -> None:
    """Cancel a queue's worker task and wait until it has stopped."""
    if worker is not None:
        worker.cancel()
        try:
            await worker
        except asyncio.CancelledError:
            pass


def _drain(queue: asyncio.Queue[Any]) -> list[Any]:
    """Every item still waiting in ``queue``."""
    items = []
    while not queue.empty():
        items.append(queue.get_nowait())
    return items


def _refuse(futures: list[asyncio.Future[Any]]) -> None:
    """Answer the requests still waiting when the service stops: 503 ``AK-E026``."""
    for future in futures:
        if not future.done():
            future.set_exception(ServiceError(503, "AK-E026", "the service is shutting down"))


class ModelThread:
    """One thread for every model call of the process."""

    def __init__(self, metrics: Metrics) -> None:
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="affectkit-model")
        self.metrics = metrics

    async def run(self, task: str, function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """``function(*args, **kwargs)`` on the model thread, timed as ``task``."""

        def timed() -> T:
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.metrics.model_seconds.labels(task).observe(time.perf_counter() - started)

        return await asyncio.get_running_loop().run_in_executor(self.executor, timed)

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)


@dataclass
class _Waiting:
    texts: list[Any]  # the items (text first) of one piece of a request
    future: asyncio.Future[list[Any]]
    rest: list[Any] = field(default_factory=list)  # the request's items after this piece, read in later turns
    done: list[Any] = field(default_factory=list)  # the results of its earlier pieces

    @property
    def chars(self) -> int:
        return sum(len(item[0]) for item in self.texts)


class MicroBatcher:
    """Gathers concurrent ``analyze`` requests into one model call (see the module docstring). The items of a
    request are tuples whose first element is the text."""

    def __init__(self, models: ModelThread, analyze: Callable[[list[Any]], list[Any]], max_texts: int,
                 wait_seconds: float, metrics: Metrics, task: str = "analyze", max_chars: int = 20_000) -> None:
        self.task = task
        self.models = models
        self.analyze_batch = analyze
        self.max_texts = max_texts
        self.max_chars = max_chars
        self.wait_seconds = wait_seconds
        self.metrics = metrics
        self.queue: asyncio.Queue[_Waiting] = asyncio.Queue()
        self.worker: asyncio.Task[None] | None = None

    def start(self) -> None:
        self.worker = asyncio.get_running_loop().create_task(self._serve(), name=f"affectkit-batcher-{self.task}")

    async def stop(self) -> None:
        await _cancel(self.worker)
        _refuse([waiting.future for waiting in _drain(self.queue)])

    async def analyze(self, texts: list[Any]) -> list[Any]:
        """The results of ``texts``, read in a batch with whatever other requests are waiting."""
        if self.worker is None or self.worker.done():
            raise ServiceError(503, "AK-E026", "the analysis worker is not running")
        future: asyncio.Future[list[Any]] = asyncio.get_running_loop().create_future()
        await self.queue.put(self._piece(texts, future, []))
        return await future

    def _piece(self, items: list[Any], future: asyncio.Future[list[Any]], done: list[Any]) -> _Waiting:
        """The next piece of a request: as many of ``items`` as one batch holds (at least one)."""
        count = chars = 0
        for item in items:
            if count and (count >= self.max_texts or chars + len(item[0]) > self.max_chars):
                break
            count += 1
            chars += len(item[0])
        return _Waiting(items[:count], future, items[count:], done)

    async def _serve(self) -> None:
        carried: _Waiting | None = None
        while True:
            first = carried if carried is not None else await self.queue.get()
            carried = None
            batch, size, chars = [first], len(first.texts), first.chars
            deadline = time.monotonic() + self.wait_seconds
            while size < self.max_texts and chars < self.max_chars:
                if self.queue.empty():
                    remaining = deadline - time.monotonic()
                    if remaining <= 0:
                        break
                    await asyncio.sleep(remaining)
                    if self.queue.empty():
                        break
                waiting = self.queue.get_nowait()
                waiting_chars = waiting.chars
                if size + len(waiting.texts) > self.max_texts or chars + waiting_chars > self.max_chars:
                    carried = waiting  # opens the next batch: a piece is never split
                    break
                batch.append(waiting)
                size += len(waiting.texts)
                chars += waiting_chars
            batch = [w for w in batch if not w.future.done()]  # a client that went away
            if batch:
                await self._run(batch)

    async def _run(self, batch: list[_Waiting]) -> None:
        texts = [text for waiting in batch for text in waiting.texts]
        self.metrics.batch_texts.labels(self.task).observe(len(texts))
        self.metrics.batch_requests.labels(self.task).observe(len(batch))
        try:
            results = await self.models.run(self.task, self.analyze_batch, texts)
        except Exception as error:
            if len(batch) == 1:
                if not batch[0].future.done():
                    batch[0].future.set_exception(error)
                return
            for waiting in batch:  # one request's failure must not fail the others: read them alone
                await self._run([waiting])
            return
        start = 0
        for waiting in batch:
            end = start + len(waiting.texts)
            if not waiting.future.done():
                read = waiting.done + results[start:end]
                if waiting.rest:  # its next piece waits its turn behind the requests that came meanwhile
                    self.queue.put_nowait(self._piece(waiting.rest, waiting.future, read))
                else:
                    waiting.future.set_result(read)
            start = end


class StoreWriter:
    """Stores the appends of the process on a thread of its own, those waiting together in one transaction
    (:meth:`Store.append_utterances`: one sync to disk for all of them), so that appends never wait on each other for
    the database's write lock and the store's writes keep pace with the models. An append is stored whether or not its
    request is still waiting (as a write already started would be)."""

    def __init__(self, store: Store, max_appends: int = 64) -> None:
        self.store = store
        self.max_appends = max_appends
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="affectkit-store")
        self.queue: asyncio.Queue[tuple[Append, asyncio.Future[None]]] = asyncio.Queue()
        self.worker: asyncio.Task[None] | None = None

    def start(self) -> None:
        self.worker = asyncio.get_running_loop().create_task(self._serve(), name="affectkit-store-writer")

    async def stop(self) -> None:
        await _cancel(self.worker)
        _refuse([future for _, future in _drain(self.queue)])
        self.executor.shutdown(wait=True)

    async def append(self, append: Append) -> None:
        """Store ``append`` (raises :class:`UtteranceStored` or :class:`TurnTaken` as :meth:`Store.append_utterance`
        does)."""
        if self.worker is None or self.worker.done():
            raise ServiceError(503, "AK-E026", "the storage writer is not running")
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        await self.queue.put((append, future))
        await asyncio.shield(future)  # a request that goes away leaves the write to finish

    async def _serve(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            batch = [await self.queue.get()]
            while len(batch) < self.max_appends and not self.queue.empty():
                batch.append(self.queue.get_nowait())
            try:
                outcomes = await loop.run_in_executor(self.executor, self.store.append_utterances,
                                                      [append for append, _ in batch])
            except asyncio.CancelledError:  # stopping: the transaction still ends (stop waits for it), unanswered
                for _, future in batch:
                    if not future.done():
                        future.set_exception(ServiceError(503, "AK-E026", "the service is shutting down"))
                raise
            except Exception as error:  # the database failed: every append of the transaction fails with it
                outcomes = [error] * len(batch)
            for (_, future), outcome in zip(batch, outcomes, strict=True):
                if future.done():
                    continue
                if outcome is None:
                    future.set_result(None)
                else:
                    future.set_exception(outcome)


@dataclass(frozen=True)
class AppendResult:
    update: TrackerUpdate
    plan: ResponsePlan | None
    turns: int


@dataclass
class LiveConversation:
    """What a process holds of a conversation it serves: the tracker of its turns and the state its planner reads
    (kept in step: both were given every stored utterance)."""

    tracker: Any
    planning: Any

    def texts(self) -> list[str]:
        return [u.text for u in self.tracker.utterances_]


@dataclass
class Conversations:
    """Live trackers of stored conversations (see the module docstring)."""

    store: Store
    models: ModelThread
    metrics: Metrics
    cache_size: int
    max_turns: int
    max_speakers: int = 64  # distinct speakers of a stored conversation (AFFECTKIT_MAX_SPEAKERS)
    trackers: OrderedDict[str, LiveConversation] = field(default_factory=OrderedDict)
    locks: weakref.WeakValueDictionary[str, asyncio.Lock] = field(default_factory=weakref.WeakValueDictionary)
    _turn_model: Any = None
    _cause_model: Any = None
    prefetcher: MicroBatcher | None = None
    writer: StoreWriter | None = None  # stores the appends (None: each in a worker thread of its own)
    erasures_seen: int = 0  # the latest entry of the database's erasure log this process has acted on
    own_erasures: set[str] = field(default_factory=set)  # erased here: nothing to do when read in the log
    unforgotten: deque[str] = field(default_factory=deque)  # texts to drop from the caches at the next model call
    _erasure_lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    flushing: asyncio.Task[None] | None = None  # the texts being dropped off an answer's path (flush_soon)

    def load_models(self) -> None:
        """Build the turn and cause models of the licence profile in force, whose encoder the read-ahead fills
        (on the model thread)."""
        from affectkit import licence

        self._turn_model = licence.turn_model()
        self._cause_model = licence.cause_model()

    def prefetch(self, reads: list[tuple[str, bool]]) -> list[None]:
        """Read the texts of utterances about to be appended, all in one batch (model thread): their encodings,
        and the risk readings of those ``(text, True)`` (a turn not the agent's: the tracker reads no other for
        crisis language), wait in the models' caches, so each append's own step is short. Every text is read alone
        whatever its batch, so the numbers are those the step would get by itself."""
        from affectkit.conversation.context import prefetch
        from affectkit.risk import default_detector

        if self._turn_model is None:
            self.load_models()
        self.drain()
        prefetch((self._turn_model, self._cause_model), [text for text, _ in reads])
        risky = [text for text, risk in reads if risk]
        if risky:
            default_detector().read(risky)
        return [None] * len(reads)

    def _lock(self, conversation_id: str) -> asyncio.Lock:
        lock = self.locks.get(conversation_id)
        if lock is None:
            lock = asyncio.Lock()
            self.locks[conversation_id] = lock
        return lock

    def forget(self, conversation_id: str) -> None:
        """Drop the live tracker (as a restart would; its texts stay in the caches)."""
        self.trackers.pop(conversation_id, None)
        self.metrics.live_conversations.set(len(self.trackers))

    def drop(self, conversation_id: str) -> None:
        """Drop the live tracker and queue its texts to leave the caches (at the next model call, or :meth:`flush`)."""
        live = self.trackers.pop(conversation_id, None)
        if live is not None:
            self.unforgotten.extend(live.texts())
        self.metrics.live_conversations.set(len(self.trackers))

    def drain(self) -> int:
        """Drop the queued texts from the caches (model thread); returns how many cache entries went."""
        texts: list[str] = []
        while self.unforgotten:
            try:
                texts.append(self.unforgotten.popleft())
            except IndexError:
                break
        return self.forget_texts(texts) if texts else 0

    async def flush(self) -> None:
        """Drop the queued texts from the caches now."""
        if self.unforgotten:
            await self.models.run("forget", self.drain)

    def flush_soon(self) -> None:
        """:meth:`flush` without waiting for it (after an answer's work: its texts leave the caches right after)."""
        if self.unforgotten and (self.flushing is None or self.flushing.done()):
            self.flushing = asyncio.get_running_loop().create_task(self._flush_logged())

    async def _flush_logged(self) -> None:
        try:
            await self.flush()
        except Exception:
            logger.exception("dropping texts from the caches failed; trying again with the next model call")

    async def catch_up(self, seq: int | None = None) -> None:
        """Act on the erasures logged by other workers since the last look (``seq``: the log's latest entry when
        known, so that nothing is read when there is nothing new): their trackers and texts leave this process."""
        if seq is not None and seq <= self.erasures_seen:
            return
        async with self._erasure_lock:
            if seq is not None and seq <= self.erasures_seen:
                return
            erasures = await asyncio.to_thread(self.store.erasures_after, self.erasures_seen)
            if not erasures.complete:  # entries were pruned: which conversations went is unknown
                for conversation_id in list(self.trackers):
                    self.drop(conversation_id)
                self.own_erasures.clear()
            for conversation_id in erasures.conversation_ids:
                if conversation_id in self.own_erasures:
                    self.own_erasures.discard(conversation_id)
                else:
                    self.drop(conversation_id)
            self.erasures_seen = max(self.erasures_seen, erasures.seq)
        await self.flush()

    def read_once(self, texts: Sequence[str], function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """``function(*args, **kwargs)`` (model thread), then drop ``texts``, what it read, from the models' caches
        whatever else holds them (a live conversation that holds one reads it again, to the same numbers): a reading
        kept for a conversation that is not stored could never be tied to an erasure."""
        self.drain()
        try:
            return function(*args, **kwargs)
        finally:
            self.forget_texts(texts)

    def forget_texts(self, texts: Sequence[str]) -> int:
        """Drop ``texts`` from the models' caches, the utterance encoder's and the risk detector's (model thread):
        an erased conversation leaves no text behind in this process. Returns how many cache entries went."""
        from affectkit.conversation.context import forget
        from affectkit.recognizers.utterance import shared_encoder
        from affectkit.risk import default_detector

        models = [self._turn_model, self._cause_model] if self._turn_model is not None else []
        return forget(models, texts) + shared_encoder().forget(texts) + default_detector().forget(texts)

    async def erase(self, conversation_id: str, texts: Sequence[str]) -> None:
        """Forget an erased conversation: its live tracker and its texts in the caches."""
        self.own_erasures.add(conversation_id)
        self.forget(conversation_id)
        if texts:
            await self.models.run("forget", self.forget_texts, texts)

    def _new_tracker(self, conversation_id: str, agent: str | None = None) -> Any:
        from affectkit.conversation import ConversationTracker

        # The library's own defaults (the shipped models share their sessions and encoder cache in the process),
        # so that a turn reads exactly as in analyze_conversation(..., agent=agent): the agent's own turns are not
        # read for crisis language.
        return ConversationTracker(conversation_id=conversation_id, agent=agent)

    def _replay(self, conversation: StoredConversation, rows: Sequence[StoredUtterance]) -> LiveConversation:
        """A tracker and a planning state holding the stored turns (model thread)."""
        from affectkit.conversation.context import prefetch
        from affectkit.conversation.turns import turn_language
        from affectkit.planning.planner import LivePlanning

        self.drain()
        live = LiveConversation(self._new_tracker(conversation.id, conversation.agent),
                                LivePlanning(agent=conversation.agent))
        utterances = [Utterance(speaker=u.speaker, text=u.text, timestamp=u.timestamp, id=u.utterance_id)
                      for u in rows]
        prefetch((live.tracker.turn_model_, live.tracker.cause_model_), [u.text for u in utterances],
                 [turn_language(utterances, i) for i in range(len(utterances))])
        for utterance in utterances:
            live.tracker.add(utterance)
            live.planning.add(utterance)
        return live

    def _step(self, live: LiveConversation, utterance: Utterance, conversation: StoredConversation
              ) -> tuple[TrackerUpdate, ConversationAnalysis, ResponsePlan | None]:
        """Add the utterance to the tracker and the planning state, and plan the agent's next reply (model
        thread). Only the new turn is read: the cost does not grow with the conversation."""
        self.drain()
        update = live.tracker.add(utterance)
        live.planning.add(utterance)
        analysis = live.tracker.result()
        return update, analysis, plan_from_tracker(live.tracker, analysis, conversation.agent, conversation.locale,
                                                   live.planning)

    async def append(self, key_id: str, conversation_id: str, utterance: Utterance) -> AppendResult:
        """Analyse ``utterance`` as the next turn of the conversation, store it with what was derived from it,
        and plan the agent's next reply. Raises 404 for another key's or a missing conversation, 409 (AK-E050) for
        an ``id`` already stored in it."""
        async with self._lock(conversation_id):
            check = await asyncio.to_thread(self.store.check_append, key_id, conversation_id, utterance.id)
            await self.catch_up(check.erasure_seq)  # before the caches are used
            conversation = check.conversation
            if conversation is None:
                raise ServiceError(404, "AK-E022", f"no conversation {conversation_id!r}")
            if check.duplicate_turn is not None:
                raise ServiceError(409, "AK-E050", f"an utterance with id {utterance.id!r} is already stored at turn "
                                   f"{check.duplicate_turn}: it was not appended again", turn=check.duplicate_turn)
            if conversation.turns >= self.max_turns:
                raise ServiceError(413, "AK-E023", f"the conversation has {conversation.turns} utterances, the "
                                   f"most one may hold (AFFECTKIT_MAX_TURNS)")
            speakers = (conversation.summary or {}).get("speakers", {})
            if utterance.speaker not in speakers and len(speakers) >= self.max_speakers:
                raise ServiceError(413, "AK-E060", f"the conversation has {len(speakers)} speakers, the most one may "
                                   f"hold (AFFECTKIT_MAX_SPEAKERS): {utterance.speaker!r} would be one more")
            live: LiveConversation | None = None
            kept = False
            stateless: list[int] = []  # turns stored by an earlier version without their speaker's state
            try:
                if self.prefetcher is not None:
                    # batched with the other appends waiting; the agent's turns are not read for crisis language
                    await self.prefetcher.analyze([(utterance.text, utterance.speaker != conversation.agent)])
                live = self.trackers.pop(conversation_id, None)
                if live is None or len(live.tracker.turns_) != conversation.turns:
                    if live is not None:
                        self.unforgotten.extend(live.texts())
                    live = None
                    rows = await asyncio.to_thread(self.store.utterances, conversation_id)
                    live = await self.models.run("replay", self._replay, conversation, rows)
                    stateless = [row.turn for row in rows if row.state is None]
                # the tracker keeps no half-added turn if this fails, but it is rebuilt next time to be sure
                update, analysis, plan = await self.models.run("utterance", self._step, live, utterance,
                                                               conversation)
                stored = StoredUtterance(
                    turn=update.turn.index, speaker=utterance.speaker, text=utterance.text,
                    timestamp=utterance.timestamp, utterance_id=utterance.id,
                    analysis=update.turn.model_dump(mode="json"),
                    flags=[flag.model_dump(mode="json") for flag in update.flags],
                    state=state_of(update.summary.trajectory[-1], update.shifts))
                append = Append(conversation_id, stored, {**summary_of(analysis), "plan": plan_record(plan)},
                                turn_states(live.tracker, stateless))
                try:
                    if self.writer is not None:
                        await self.writer.append(append)
                    else:
                        await asyncio.to_thread(self.store.append_utterance, append.conversation_id,
                                                append.utterance, append.summary, append.states)
                except UtteranceStored as stored_first:  # another worker stored the same id a moment before
                    raise ServiceError(409, "AK-E050", f"an utterance with id {utterance.id!r} is already stored at "
                                       f"turn {stored_first.turn}: it was not appended again",
                                       turn=stored_first.turn) from None
                except TurnTaken:
                    if await asyncio.to_thread(self.store.get_conversation, key_id, conversation_id) is None:
                        raise ServiceError(404, "AK-E022", f"no conversation {conversation_id!r} (erased while "
                                           "the utterance was read)") from None
                    raise ServiceError(409, "AK-E025", "another utterance was appended to this conversation at "
                                       "the same time; send it again") from None
                self._keep(conversation_id, live)
                kept = True
                return AppendResult(update=update, plan=plan, turns=conversation.turns + 1)
            finally:
                if not kept:  # what was read for this append leaves the caches with the tracker
                    self.unforgotten.append(utterance.text)
                    if live is not None:
                        self.unforgotten.extend(live.texts())
                self.metrics.live_conversations.set(len(self.trackers))
                self.flush_soon()

    def _keep(self, conversation_id: str, live: LiveConversation) -> None:
        """Keep the tracker in memory; the least recently used leave (with their texts) beyond the cache size."""
        self.trackers[conversation_id] = live
        while len(self.trackers) > self.cache_size:
            _, evicted = self.trackers.popitem(last=False)
            self.unforgotten.extend(evicted.texts())
        self.metrics.live_conversations.set(len(self.trackers))

    async def current_plan(self, key_id: str, conversation_id: str) -> ResponsePlan | None:
        """The plan of the agent's next reply from the live tracker (rebuilt from the database if need be), for a
        conversation stored without its plan (before plans were stored). Raises 404 as :meth:`append` does."""
        async with self._lock(conversation_id):
            check = await asyncio.to_thread(self.store.check_append, key_id, conversation_id, None)
            await self.catch_up(check.erasure_seq)
            conversation = check.conversation
            if conversation is None:
                raise ServiceError(404, "AK-E022", f"no conversation {conversation_id!r}")
            live = self.trackers.pop(conversation_id, None)
            if live is None or len(live.tracker.turns_) != conversation.turns:
                if live is not None:
                    self.unforgotten.extend(live.texts())
                rows = await asyncio.to_thread(self.store.utterances, conversation_id)
                live = await self.models.run("replay", self._replay, conversation, rows)
            tracker, planning = live.tracker, live.planning

            def planned() -> ResponsePlan | None:
                if not tracker.turns_:
                    return None
                return plan_from_tracker(tracker, tracker.result(), conversation.agent, conversation.locale, planning)

            try:
                return await self.models.run("plan", planned)
            finally:
                self._keep(conversation_id, live)
                self.flush_soon()

    async def delete(self, key_id: str, conversation_id: str) -> bool:
        """Erase the conversation from the database, the live trackers and the models' caches; False when it is
        not ``key_id``'s."""
        async with self._lock(conversation_id):
            texts = await asyncio.to_thread(self.store.erase_conversation, key_id, conversation_id)
            if texts is None:
                return False
            await self.erase(conversation_id, texts)
            return True


def plan_from_tracker(tracker: Any, analysis: ConversationAnalysis, agent: str, locale: str | None,
                      live: Any = None) -> ResponsePlan | None:
    """The plan of ``agent``'s next reply from a tracker's state (and the conversation's
    :class:`~affectkit.planning.planner.LivePlanning`, when kept); None when there is nobody to reply to (every
    turn is the agent's)."""
    from affectkit.planning.planner import plan
    from affectkit.types import Conversation

    # the tracker's utterances were validated when they were added: not again at every turn
    conversation = Conversation.model_construct(id=tracker.conversation_id, utterances=list(tracker.utterances_))
    try:
        return plan(conversation, agent=agent, locale=locale, analysis=analysis, live=live)
    except AffectkitError as error:
        if error.code == "AK-E020":
            return None
        raise


def state_of(point: TrajectoryPoint, shifts: Sequence[Shift]) -> dict[str, Any]:
    """What a turn's row keeps of its speaker's trajectory: the point the turn added and the shifts it raised."""
    return {"point": point.model_dump(mode="json"), "shifts": [shift.model_dump(mode="json") for shift in shifts]}


def turn_states(tracker: Any, turns: Sequence[int]) -> dict[int, dict[str, Any]]:
    """The :func:`state_of` of each of ``turns`` from a tracker's speaker tracks (for rows stored without it)."""
    if not turns:
        return {}
    wanted = set(turns)
    states: dict[int, dict[str, Any]] = {}
    for track in tracker.tracks_.values():
        for turn, point in zip(track.turns, track.points, strict=True):
            if turn in wanted:
                states[turn] = state_of(point, [shift for shift in track.shifts if shift.turn == turn])
    return states


def summary_of(analysis: ConversationAnalysis) -> dict[str, Any]:
    """What is stored per conversation beside the turns, of a size that does not grow with the conversation: each
    speaker's arc and dominant emotions (their turns, trajectory points and shifts are in the turns' rows), the
    contagion between speakers and the model names."""
    return {
        "speakers": {name: {"speaker": summary.speaker, "arc": summary.arc,
                            "dominant_emotions": list(summary.dominant_emotions)}
                     for name, summary in analysis.speakers.items()},
        "contagion": [c.model_dump(mode="json") for c in analysis.contagion],
        "model": analysis.model,
        "cause_model": analysis.cause_model,
    }


def plan_record(plan: ResponsePlan | None) -> dict[str, Any] | None:
    """What is stored of the latest plan: everything but what grows with the conversation, the chat messages (its
    system message, kept, followed by the conversation's utterances) and the safety part's flags and notes (the
    turns' flags and warnings): :func:`plan_from_store` puts them together again from the stored turns."""
    if plan is None:
        return None
    record = plan.model_dump(mode="json", exclude={"messages": True, "safety": {"flags", "notes"}})
    record["system"] = plan.messages[0]["content"] if plan.messages else ""
    return record


def plan_from_store(conversation: StoredConversation, rows: Sequence[StoredUtterance]) -> ResponsePlan | None:
    """The latest plan as stored, its messages composed again from the stored utterances (as the planner composes
    them); None when none is stored."""
    from affectkit.planning.planner import compose_messages
    from affectkit.types import Conversation

    record = dict((conversation.summary or {}).get("plan") or {})
    if not record:
        return None
    system = record.pop("system", "")
    agent = record.get("agent", conversation.agent)
    utterances = [Utterance.model_construct(speaker=row.speaker, text=row.text, timestamp=row.timestamp,
                                            id=row.utterance_id) for row in rows]
    messages = compose_messages(Conversation.model_construct(id=conversation.id, utterances=utterances), agent,
                                system)
    safety = dict(record.get("safety") or {})
    if "flags" not in safety:  # stored without its lists: the planner's own safety step on the stored turns
        from affectkit.planning.planner import safety_plan

        again = safety_plan(analysis_from_store(conversation, rows), agent, list(safety.get("resources", [])),
                            conversation.locale)
        safety = {**safety, "flags": [flag.model_dump(mode="json") for flag in again.flags], "notes": again.notes}
    return ResponsePlan.model_validate({**record, "safety": safety, "messages": messages})


def analysis_from_store(conversation: StoredConversation, rows: Sequence[StoredUtterance]) -> ConversationAnalysis:
    """The conversation's analysis as stored: each turn's analysis in context, every flag, and the speakers'
    summaries after the latest turn, their turns, trajectory points and shifts read from the turns' rows. When
    ``rows`` are a page of the turns, the speakers' turns, trajectories and shifts are those of the page (their arcs
    and dominant emotions stay those of the whole conversation)."""
    summary = conversation.summary or {}
    page = {row.turn for row in rows}
    speakers = {}
    for name, value in summary.get("speakers", {}).items():
        if "trajectory" in value:  # a summary stored by an earlier version, with the speaker's whole lists
            speakers[name] = {**value, "turns": [t for t in value.get("turns", []) if t in page],
                              "trajectory": [p for p in value["trajectory"] if p.get("turn") in page],
                              "shifts": [h for h in value.get("shifts", []) if h.get("turn") in page]}
            continue
        own = [row for row in rows if row.speaker == name]
        speakers[name] = {**value, "turns": [row.turn for row in own],
                          "trajectory": [row.state["point"] for row in own if row.state],
                          "shifts": [shift for row in own if row.state for shift in row.state["shifts"]]}
    return ConversationAnalysis.model_validate({
        "id": conversation.id,
        "turns": [row.analysis for row in rows if row.analysis is not None],
        "speakers": speakers,
        "contagion": summary.get("contagion", []),
        "flags": [flag for row in rows for flag in row.flags],
        "model": summary.get("model", ""),
        "cause_model": summary.get("cause_model", ""),
    })


def analyze_texts(items: list[tuple[str, str]]) -> list[TextAnalysis]:
    """The analyses of :func:`affectkit.analyze` of ``(text, domain)`` items, from requests batched together: each
    text read by the model of its language, in its request's domain (model thread)."""
    from affectkit.recognizers.router import Router

    results: list[TextAnalysis | None] = [None] * len(items)
    for domain in dict.fromkeys(domain for _, domain in items):
        rows = [i for i, (_, d) in enumerate(items) if d == domain]
        for i, analysis in zip(rows, Router(domain=domain).analyze([items[i][0] for i in rows]), strict=True):
            results[i] = analysis
    return [r for r in results if r is not None]


def warm_up(conversations: Conversations) -> dict[str, Any]:
    """Load every model once (model thread); returns what ``/v1/info`` shows."""
    from affectkit import __version__
    from affectkit.planning.reply_check import LANGUAGES, check_reply
    from affectkit.recognizers import get_recognizer
    from affectkit.risk import default_detector
    from affectkit.speech.model import load_speech_model, shipped_speech_models

    recognizer = get_recognizer()
    recognizer.analyze(["Warming up the service."])
    conversations.load_models()
    tracker = conversations._new_tracker("warm-up")
    tracker.add(Utterance(speaker="user", text="I finally passed my exam!"))
    analysis = tracker.result()
    the_plan = plan_from_tracker(tracker, analysis, "assistant", None)
    check_reply([{"speaker": "user", "text": "Thanks."}], "You're welcome.")
    detector = default_detector()
    heads = getattr(recognizer, "config", {}).get("heads", {})
    speech = load_speech_model()  # the licence profile's (its config only: the weights load with the first upload)
    speech_models = shipped_speech_models()
    return {
        "version": __version__,
        "models": {
            "text": recognizer.model_id,
            "turn": analysis.model,
            "cause": analysis.cause_model,
            "strategy": the_plan.strategy.model if the_plan is not None else "",
            "risk": getattr(detector, "model_id", type(detector).__name__),
            "speech": speech.name,
        },
        "labels": {name: list(head.get("labels", [])) for name, head in heads.items()
                   if name in ("goemotions", "ekman", "sentiment", "vad")},
        "languages": {
            "text": ["en"],
            "risk": list(detector.languages),
            "reply_check": list(LANGUAGES),
            "speech": next((list(info.languages) for info in speech_models if info.name == speech.name), []),
        },
        "speech_models": [asdict(info) for info in speech_models],
    }

