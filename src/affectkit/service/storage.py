"""Storage of the service through SQLAlchemy 2: API keys, conversations, utterances and what was derived
from them (each turn's analysis in context, its flags and its speaker's new trajectory point and shifts; per
conversation a summary of a bounded size: the speakers' arcs and dominant emotions, the contagion between them and
the latest plan without its lists that grow).

A SQLite file by default (WAL journal, ``synchronous=FULL``: an acknowledged utterance survives a crash of
the process), PostgreSQL by URL (``postgresql://...``, driver psycopg 3). Tables are created on first use.
Every method opens its own short transaction and commits before returning, so a route that has an answer
from the store has its data on disk. Calls block: the service runs them in worker threads.

Writes to a SQLite file take turns in the process (a lock around each writing transaction): SQLite lets one
writer in at a time, and a writer that finds the file locked sleeps in growing steps before it looks again, so
threads of one process writing at once wasted most of their time asleep while the file was free. Appends arriving
together are stored in one transaction (:meth:`Store.append_utterances`): one sync to disk for all of them.

An utterance's client ``id`` is stored once per conversation: a unique index refuses the second of two workers
storing the same ``id`` at the same instant (:class:`UtteranceStored`), whatever turn each of them read.

Example:
    >>> store = Store("sqlite:///:memory:")
    >>> key, token = store.create_key("demo")
    >>> store.key_for_token(token) == key.id, store.key_for_token("nope") is None
    (True, True)
    >>> conversation = store.create_conversation(key.id, agent="assistant", locale=None)
    >>> store.get_conversation("another key", conversation.id) is None
    True
"""

from __future__ import annotations

import hashlib
import logging
import secrets
import threading
import uuid
from collections.abc import Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any

from sqlalchemy import (
    JSON,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    create_engine,
    delete,
    event,
    func,
    inspect,
    select,
    text,
    update,
)
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, DatabaseError, IntegrityError, SQLAlchemyError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker

from affectkit.errors import AffectkitError

TOKEN_PREFIX = "ak_"
logger = logging.getLogger("affectkit.service")


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _aware(value: datetime) -> datetime:
    """SQLite gives naive datetimes back: they were written in UTC."""
    return value if value.tzinfo is not None else value.replace(tzinfo=timezone.utc)


def hash_token(token: str) -> str:
    """The stored form of an API key: the hex SHA-256 of the token (the token itself is never stored).

    Example:
        >>> len(hash_token("ak_x")), hash_token("ak_x") == hash_token("ak_x")
        (64, True)
    """
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class Base(DeclarativeBase):
    pass


class ApiKeyRow(Base):
    __tablename__ = "affectkit_api_keys"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class ConversationRow(Base):
    __tablename__ = "affectkit_conversations"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    key_id: Mapped[str] = mapped_column(ForeignKey("affectkit_api_keys.id", ondelete="CASCADE"), index=True)
    agent: Mapped[str] = mapped_column(String(200))
    locale: Mapped[str | None] = mapped_column(String(35), nullable=True)
    turns: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now, index=True)
    # Derived: the speakers' summaries and the contagion between them after the latest turn.
    summary: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)


CLIENT_ID_INDEX = "affectkit_utterance_client_id_once"
OLD_CLIENT_ID_INDEX = "affectkit_utterance_client_id"  # not unique: tables made before the unique index had it


class UtteranceRow(Base):
    __tablename__ = "affectkit_utterances"
    __table_args__ = (UniqueConstraint("conversation_id", "turn", name="affectkit_utterance_turn"),
                      # a client id once per conversation (rows without one, NULL, are all distinct)
                      Index(CLIENT_ID_INDEX, "conversation_id", "utterance_id", unique=True))

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    conversation_id: Mapped[str] = mapped_column(
        ForeignKey("affectkit_conversations.id", ondelete="CASCADE"), index=True)
    turn: Mapped[int] = mapped_column(Integer)
    speaker: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    timestamp: Mapped[Any] = mapped_column(JSON, nullable=True)
    utterance_id: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)
    # Derived: the turn's analysis in context (TurnAnalysis JSON), the flags it raised (RiskFlag JSON list), and its
    # speaker's state after it ({"point": TrajectoryPoint, "shifts": [Shift, ...]}: the trajectory's new point and
    # the shifts the turn raised), so that the conversation's summary need not hold the speakers' whole histories.
    analysis: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    flags: Mapped[list[Any] | None] = mapped_column(JSON, nullable=True)
    state: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)


class ErasureRow(Base):
    """The log of erasures (DELETE and retention), read by the other workers of the service so that they drop what
    they hold in memory of an erased conversation. Only ids: nothing derived from the erased texts."""

    __tablename__ = "affectkit_erasures"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    conversation_id: Mapped[str] = mapped_column(String(64))
    erased_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now, index=True)


ERASURE_LOG_DAYS = 7.0  # erasure log entries older than this are pruned (a worker further behind forgets everything)


@dataclass(frozen=True)
class ApiKey:
    id: str
    name: str
    created_at: datetime
    revoked_at: datetime | None


@dataclass(frozen=True)
class StoredUtterance:
    turn: int
    speaker: str
    text: str
    timestamp: str | float | None
    utterance_id: str | None
    analysis: dict[str, Any] | None
    flags: list[Any]
    state: dict[str, Any] | None = None  # the speaker's trajectory point and shifts after this turn


@dataclass(frozen=True)
class StoredConversation:
    id: str
    key_id: str
    agent: str
    locale: str | None
    turns: int
    created_at: datetime
    updated_at: datetime
    summary: dict[str, Any] | None


@dataclass(frozen=True)
class AppendCheck:
    """What an append reads before it works (one transaction): the conversation (None: not the key's), the turn
    already holding an utterance with the same client ``id`` (None: none does), and the erasure log's latest entry."""

    conversation: StoredConversation | None
    duplicate_turn: int | None
    erasure_seq: int


@dataclass(frozen=True)
class Erasures:
    """The erasure log after a given entry: the ids erased since, the latest entry, and whether entries may be
    missing (pruned, or a gap in the sequence), in which case a worker must forget everything it holds."""

    conversation_ids: list[str]
    seq: int
    complete: bool


@dataclass(frozen=True)
class Append:
    """One utterance to store, as :meth:`Store.append_utterance` takes it."""

    conversation_id: str
    utterance: StoredUtterance
    summary: dict[str, Any]
    states: Mapping[int, dict[str, Any]] | None = None


class TurnTaken(Exception):
    """Another request stored an utterance at the same turn first."""


class UtteranceStored(Exception):
    """An utterance with the same client ``id`` is already stored in the conversation, at ``turn`` (another request,
    perhaps another worker's, stored it first)."""

    def __init__(self, conversation_id: str, utterance_id: str, turn: int) -> None:
        super().__init__(conversation_id, utterance_id, turn)
        self.utterance_id = utterance_id
        self.turn = turn


def normalise_url(url: str) -> str:
    """``postgresql://`` and ``postgres://`` URLs use the psycopg (v3) driver.

    Example:
        >>> normalise_url("postgresql://u@localhost/db")
        'postgresql+psycopg://u@localhost/db'
    """
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def _shown(url: str) -> str:
    """``url`` with its password hidden, for messages."""
    try:
        return make_url(normalise_url(url)).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        return "(a URL that cannot be parsed)"


def _first_line(error: BaseException) -> str:
    return (str(getattr(error, "orig", None) or error).strip().splitlines() or [type(error).__name__])[0][:200]


def make_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite files get WAL, full sync, foreign keys and a busy timeout."""
    url = normalise_url(url)
    if url.startswith("sqlite"):
        memory = ":memory:" in url or url == "sqlite://"
        options: dict[str, Any] = {"connect_args": {"check_same_thread": False, "timeout": 30}}
        if memory:  # one shared connection, or each thread would see its own empty database
            from sqlalchemy.pool import StaticPool

            options["poolclass"] = StaticPool
        engine = create_engine(url, **options)

        @event.listens_for(engine, "connect")
        def _pragmas(connection: Any, record: Any) -> None:
            cursor = connection.cursor()
            if not memory:
                cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=FULL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()

        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)


class Store:
    """The service's database (see the module docstring)."""

    def __init__(self, url: str, *, create: bool = True) -> None:
        self.url = url
        try:
            self.engine = make_engine(url)
            self._sessions = sessionmaker(self.engine, expire_on_commit=False)
            # SQLite: one writing transaction at a time in the process (see the module docstring)
            self._write_lock: AbstractContextManager[Any] = (
                threading.Lock() if self.engine.dialect.name == "sqlite" else nullcontext())
            if create:
                self.create_tables()
        except (SQLAlchemyError, ImportError) as error:  # a malformed URL, a missing driver, a place not reachable
            raise AffectkitError("AK-E029", f"cannot open the service database {_shown(url)}: "
                                 f"{_first_line(error)}", field="database_url") from None

    def create_tables(self) -> None:
        """Create the tables that are missing, and bring tables made by earlier versions up to date (two workers
        starting together may race: the loser retries)."""
        for attempt in range(3):
            try:
                Base.metadata.create_all(self.engine)
                self._upgrade()
                return
            except DatabaseError:  # e.g. a column or index another worker has just added
                if attempt == 2:
                    raise

    def _upgrade(self) -> None:
        """What tables made by earlier versions lack: the utterances' ``state`` column (their rows get it at the
        conversation's next append, see :meth:`append_utterance`) and the unique index of client ids, which replaces
        the plain one."""
        table = UtteranceRow.__table__
        assert isinstance(table, Table)
        columns = {column["name"] for column in inspect(self.engine).get_columns(table.name)}
        if "state" not in columns:
            kind = table.c.state.type.compile(dialect=self.engine.dialect)
            with self.engine.begin() as connection:
                connection.execute(text(f"ALTER TABLE {table.name} ADD COLUMN state {kind}"))
        def indexes() -> set[str]:
            return {str(index["name"]) for index in inspect(self.engine).get_indexes(table.name)}

        if CLIENT_ID_INDEX not in indexes():
            [unique] = [index for index in table.indexes if index.name == CLIENT_ID_INDEX]
            try:
                unique.create(self.engine, checkfirst=True)
            except IntegrityError:
                if CLIENT_ID_INDEX not in indexes():  # not made by another worker at the same moment: duplicates
                    logger.warning("the utterances' client ids are not unique in this database (stored twice before "
                                   "the unique index existed): two workers storing the same id at the same instant "
                                   "may both succeed until the duplicates are removed")
                    return
        if OLD_CLIENT_ID_INDEX in indexes():
            with self.engine.begin() as connection:
                connection.execute(text(f"DROP INDEX IF EXISTS {OLD_CLIENT_ID_INDEX}"))

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def session(self) -> Iterator[Session]:
        with self._sessions() as session, session.begin():
            yield session

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """:meth:`session` for a transaction that writes: on SQLite it waits for the process's other writers first."""
        with self._write_lock, self.session() as session:
            yield session

    def ping(self) -> bool:
        """True when the database answers."""
        try:
            with self.engine.connect() as connection:
                connection.execute(text("SELECT 1"))
            return True
        except Exception:
            return False

    # --- API keys ---------------------------------------------------------------------------------------

    def create_key(self, name: str) -> tuple[ApiKey, str]:
        """A new key named ``name``: its record and the token, which is shown once and never stored."""
        token = TOKEN_PREFIX + secrets.token_urlsafe(32)
        row = ApiKeyRow(id=secrets.token_hex(6), name=name, token_hash=hash_token(token), created_at=_now())
        with self.writing() as session:
            session.add(row)
        return _key(row), token

    def list_keys(self) -> list[ApiKey]:
        with self.session() as session:
            return [_key(row) for row in session.scalars(select(ApiKeyRow).order_by(ApiKeyRow.created_at))]

    def revoke_key(self, key_id: str) -> bool:
        """Revoke the key ``key_id``; False when there is no such key that is still active."""
        with self.writing() as session:
            result = session.execute(update(ApiKeyRow).where(ApiKeyRow.id == key_id, ApiKeyRow.revoked_at.is_(None))
                                     .values(revoked_at=_now()))
            return bool(getattr(result, "rowcount", 0))

    def key_for_token(self, token: str) -> str | None:
        """The id of the active key whose token is ``token``, else None."""
        with self.session() as session:
            return session.scalar(select(ApiKeyRow.id).where(ApiKeyRow.token_hash == hash_token(token),
                                                             ApiKeyRow.revoked_at.is_(None)))

    # --- conversations ----------------------------------------------------------------------------------

    def create_conversation(self, key_id: str, agent: str, locale: str | None) -> StoredConversation:
        now = _now()
        row = ConversationRow(id=uuid.uuid4().hex, key_id=key_id, agent=agent, locale=locale, turns=0,
                              created_at=now, updated_at=now, summary=None)
        with self.writing() as session:
            session.add(row)
        return _conversation(row)

    def get_conversation(self, key_id: str, conversation_id: str) -> StoredConversation | None:
        """The conversation ``conversation_id`` if it belongs to ``key_id``; None otherwise (another key's
        conversation is indistinguishable from a missing one)."""
        with self.session() as session:
            row = session.scalar(select(ConversationRow).where(ConversationRow.id == conversation_id,
                                                               ConversationRow.key_id == key_id))
            return _conversation(row) if row is not None else None

    def check_append(self, key_id: str, conversation_id: str, utterance_id: str | None) -> AppendCheck:
        """What :class:`AppendCheck` says, in one short transaction."""
        with self.session() as session:
            row = session.scalar(select(ConversationRow).where(ConversationRow.id == conversation_id,
                                                               ConversationRow.key_id == key_id))
            duplicate = None
            if row is not None and utterance_id is not None:
                duplicate = session.scalar(select(UtteranceRow.turn).where(
                    UtteranceRow.conversation_id == conversation_id, UtteranceRow.utterance_id == utterance_id)
                    .order_by(UtteranceRow.turn).limit(1))
            seq = session.scalar(select(func.max(ErasureRow.seq))) or 0
            return AppendCheck(_conversation(row) if row is not None else None, duplicate, int(seq))

    def utterances(self, conversation_id: str, after: int | None = None,
                   limit: int | None = None) -> list[StoredUtterance]:
        """The conversation's utterances in turn order: those after turn ``after`` (all when None), at most
        ``limit`` of them."""
        with self.session() as session:
            query = select(UtteranceRow).where(UtteranceRow.conversation_id == conversation_id)
            if after is not None:
                query = query.where(UtteranceRow.turn > after)
            query = query.order_by(UtteranceRow.turn)
            if limit is not None:
                query = query.limit(limit)
            return [_utterance(row) for row in session.scalars(query)]

    # --- the erasure log --------------------------------------------------------------------------------

    def erasure_seq(self) -> int:
        """The latest entry of the erasure log (0 when it is empty)."""
        with self.session() as session:
            return int(session.scalar(select(func.max(ErasureRow.seq))) or 0)

    def erasures_after(self, seq: int) -> Erasures:
        """The conversations erased after entry ``seq`` of the log."""
        with self.session() as session:
            rows = session.execute(select(ErasureRow.seq, ErasureRow.conversation_id).where(ErasureRow.seq > seq)
                                   .order_by(ErasureRow.seq)).all()
            if not rows:
                return Erasures([], seq, True)
            # entries are numbered one after another; a hole right after ``seq`` means pruned (or lost) entries
            return Erasures([row.conversation_id for row in rows], int(rows[-1].seq), int(rows[0].seq) == seq + 1)

    def _log_erasures(self, session: Session, conversation_ids: Sequence[str]) -> None:
        now = _now()
        session.execute(delete(ErasureRow).where(ErasureRow.erased_at < now - timedelta(days=ERASURE_LOG_DAYS)))
        session.add_all([ErasureRow(conversation_id=conversation_id, erased_at=now)
                         for conversation_id in conversation_ids])

    def append_utterance(self, conversation_id: str, utterance: StoredUtterance, summary: dict[str, Any],
                         states: Mapping[int, dict[str, Any]] | None = None) -> None:
        """Store ``utterance`` (with what was derived from it) as turn ``utterance.turn`` and the conversation's new
        summary, in one committed transaction; ``states`` gives earlier turns the ``state`` they lack (rows stored
        by an earlier version). Raises :class:`UtteranceStored` when an utterance with the same client ``id`` is
        already stored in the conversation (checked by the database itself: of two workers storing it at the same
        instant, one wins), else :class:`TurnTaken` when that turn is already stored."""
        try:
            with self.writing() as session:
                self._append(session, Append(conversation_id, utterance, summary, states))
        except (TurnTaken, IntegrityError) as error:
            stored = self.turn_of(conversation_id, utterance.utterance_id)
            if stored is not None:
                raise UtteranceStored(conversation_id, str(utterance.utterance_id), stored) from None
            raise TurnTaken(conversation_id) from error

    def append_utterances(self, appends: Sequence[Append]) -> list[Exception | None]:
        """Store several utterances (of different conversations) in one committed transaction, each as
        :meth:`append_utterance` would: returns, in order, None for each one stored and the :class:`UtteranceStored`
        or :class:`TurnTaken` of each one refused (the others are stored all the same). When the database refuses
        the transaction (another worker stored one of the ids at the same instant), each is stored alone.

        Example:
            >>> store = Store("sqlite:///:memory:")
            >>> key, _ = store.create_key("demo")
            >>> a, b = (store.create_conversation(key.id, agent="assistant", locale=None) for _ in range(2))
            >>> def said(turn, text, id=None):
            ...     return StoredUtterance(turn=turn, speaker="user", text=text, timestamp=None, utterance_id=id,
            ...                            analysis=None, flags=[])
            >>> store.append_utterances([Append(a.id, said(0, "hi", "m0"), {}), Append(b.id, said(0, "hello"), {})])
            [None, None]
            >>> [type(outcome).__name__ for outcome in store.append_utterances([
            ...     Append(a.id, said(1, "hi again", "m0"), {}), Append(b.id, said(0, "late"), {}),
            ...     Append(b.id, said(1, "fine"), {})])]
            ['UtteranceStored', 'TurnTaken', 'NoneType']
        """
        if len(appends) <= 1:
            return [self._append_alone(append) for append in appends]
        outcomes: list[Exception | None] = []
        try:
            with self.writing() as session:
                for append in appends:
                    utterance = append.utterance
                    stored = self._turn_of(session, append.conversation_id, utterance.utterance_id)
                    if stored is not None:
                        outcomes.append(UtteranceStored(append.conversation_id, str(utterance.utterance_id), stored))
                        continue
                    try:
                        self._append(session, append)
                    except TurnTaken as taken:
                        outcomes.append(taken)
                        continue
                    outcomes.append(None)
        except IntegrityError:  # another worker's row: store each alone, to tell which one it refuses
            return [self._append_alone(append) for append in appends]
        return outcomes

    def _append_alone(self, append: Append) -> Exception | None:
        try:
            self.append_utterance(append.conversation_id, append.utterance, append.summary, append.states)
        except (UtteranceStored, TurnTaken) as refused:
            return refused
        return None

    @staticmethod
    def _append(session: Session, append: Append) -> None:
        """The writes of one append in ``session``; :class:`TurnTaken` (nothing written) when the conversation is not
        at ``append.utterance.turn`` (or is gone)."""
        conversation_id, utterance = append.conversation_id, append.utterance
        updated = session.execute(
            update(ConversationRow)
            .where(ConversationRow.id == conversation_id, ConversationRow.turns == utterance.turn)
            .values(turns=utterance.turn + 1, updated_at=_now(), summary=append.summary))
        if not getattr(updated, "rowcount", 0):
            raise TurnTaken(conversation_id)
        session.add(UtteranceRow(
            conversation_id=conversation_id, turn=utterance.turn, speaker=utterance.speaker,
            text=utterance.text, timestamp=utterance.timestamp, utterance_id=utterance.utterance_id,
            analysis=utterance.analysis, flags=utterance.flags, state=utterance.state, created_at=_now()))
        session.flush()  # the unique indexes are checked here, inside the transaction
        for turn, state in (append.states or {}).items():
            session.execute(update(UtteranceRow).where(UtteranceRow.conversation_id == conversation_id,
                                                       UtteranceRow.turn == turn).values(state=state))

    @staticmethod
    def _turn_of(session: Session, conversation_id: str, utterance_id: str | None) -> int | None:
        if utterance_id is None:
            return None
        return session.scalar(select(UtteranceRow.turn).where(UtteranceRow.conversation_id == conversation_id,
                                                              UtteranceRow.utterance_id == utterance_id)
                              .order_by(UtteranceRow.turn).limit(1))

    def turn_of(self, conversation_id: str, utterance_id: str | None) -> int | None:
        """The turn holding the utterance with client id ``utterance_id`` in the conversation (None: none does)."""
        with self.session() as session:
            return self._turn_of(session, conversation_id, utterance_id)

    def delete_conversation(self, key_id: str, conversation_id: str) -> bool:
        """Erase the conversation, its utterances and everything derived from them; False when it is not
        ``key_id``'s."""
        return self.erase_conversation(key_id, conversation_id) is not None

    def erase_conversation(self, key_id: str, conversation_id: str) -> list[str] | None:
        """:meth:`delete_conversation`, returning the texts of the erased utterances (so that the models' caches
        can forget them too), or None when the conversation is not ``key_id``'s."""
        with self.writing() as session:
            owned = session.scalar(select(ConversationRow.id).where(ConversationRow.id == conversation_id,
                                                                    ConversationRow.key_id == key_id))
            if owned is None:
                return None
            texts = list(session.scalars(select(UtteranceRow.text)
                                         .where(UtteranceRow.conversation_id == conversation_id)))
            session.execute(delete(UtteranceRow).where(UtteranceRow.conversation_id == conversation_id))
            session.execute(delete(ConversationRow).where(ConversationRow.id == conversation_id))
            self._log_erasures(session, [conversation_id])
            return texts

    def delete_older_than(self, days: float, now: datetime | None = None) -> list[str]:
        """Erase every conversation whose last activity is more than ``days`` days before ``now``; returns
        their ids."""
        return list(self.erase_older_than(days, now))

    def erase_older_than(self, days: float, now: datetime | None = None) -> dict[str, list[str]]:
        """:meth:`delete_older_than`, returning the texts of each erased conversation's utterances by its id."""
        cutoff = (now or _now()) - timedelta(days=days)
        with self.writing() as session:
            ids = list(session.scalars(select(ConversationRow.id).where(ConversationRow.updated_at < cutoff)))
            erased: dict[str, list[str]] = {conversation_id: [] for conversation_id in ids}
            for start in range(0, len(ids), 500):
                chunk = ids[start:start + 500]
                for conversation_id, text_ in session.execute(
                        select(UtteranceRow.conversation_id, UtteranceRow.text)
                        .where(UtteranceRow.conversation_id.in_(chunk))):
                    erased[conversation_id].append(text_)
                session.execute(delete(UtteranceRow).where(UtteranceRow.conversation_id.in_(chunk)))
                session.execute(delete(ConversationRow).where(ConversationRow.id.in_(chunk)))
            if ids:
                self._log_erasures(session, ids)
            return erased

    def count_conversations(self, key_id: str | None = None) -> int:
        with self.session() as session:
            query = select(func.count()).select_from(ConversationRow)
            if key_id is not None:
                query = query.where(ConversationRow.key_id == key_id)
            return int(session.scalar(query) or 0)

    def set_updated_at(self, conversation_id: str, when: datetime) -> None:
        """Backdate a conversation's last activity (for tests of retention)."""
        with self.writing() as session:
            session.execute(update(ConversationRow).where(ConversationRow.id == conversation_id)
                            .values(updated_at=when))


def _key(row: ApiKeyRow) -> ApiKey:
    return ApiKey(id=row.id, name=row.name, created_at=_aware(row.created_at),
                  revoked_at=_aware(row.revoked_at) if row.revoked_at else None)


def _conversation(row: ConversationRow) -> StoredConversation:
    return StoredConversation(id=row.id, key_id=row.key_id, agent=row.agent, locale=row.locale, turns=row.turns,
                              created_at=_aware(row.created_at), updated_at=_aware(row.updated_at),
                              summary=row.summary)


def _utterance(row: UtteranceRow) -> StoredUtterance:
    return StoredUtterance(turn=row.turn, speaker=row.speaker, text=row.text, timestamp=row.timestamp,
                           utterance_id=row.utterance_id, analysis=row.analysis, flags=list(row.flags or []),
                           state=row.state)


def stored_utterances(rows: Sequence[StoredUtterance]) -> list[dict[str, Any]]:
    """The utterances as the library reads them (``speaker``, ``text``, ``timestamp``, ``id``)."""
    return [{"speaker": u.speaker, "text": u.text, "timestamp": u.timestamp, "id": u.utterance_id} for u in rows]
