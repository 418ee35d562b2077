"""Distress and crisis-language signals, tuned for recall: they are for a human or an escalation path to
look at, never a diagnosis (see :data:`~affectkit.types.RISK_NOTICE`).

Two sources of flags:

* **Language** (:func:`detect_crisis_language`): hand-written English patterns (and a few Spanish and
  German ones) for ``suicidal_ideation``, ``self_harm``, ``harm_to_others``, ``abuse`` (the speaker being
  hurt or threatened) and ``hopelessness``. ``evidence`` is the exact matched span. Severity rules:

  - each pattern has a base severity: ``high`` for explicit intent, acts or plans ("I want to kill
    myself", "he hits me"), ``medium`` for indirect or ambiguous phrases ("suicide", "hopeless",
    "she hurt me");
  - about someone else (a third-person subject such as "my friend said she wants to die", or "kill
    himself"): kind ``third_party_risk``, severity ``medium`` (``low`` if the phrase itself was medium);
    ``concern`` keeps what it is about;
  - negated by a word just before the phrase ("I would never kill myself", "I'm not suicidal"):
    **kept** at ``low`` rather than dropped, because people in crisis often deny and a reviewer can cheaply
    dismiss it; "can't" is not a negation ("I can't stop thinking about killing myself");
  - a joking marker in the text (lol, haha, jk, 😂, 💀) or "used to" just before: one level lower;
  - idioms are dropped ("this joke killed me", "dying of laughter", "to die for", "my mom is going to kill
    me when she sees this", "it hit me", "suicide squad"), and so is a phrase quoted from a song, film,
    book or the like ("the song \\"I want to die\\"").

* **Persistent negative state** (:class:`PersistentNegativeMonitor`): a speaker's last
  ``PERSISTENT_TURNS = 3`` turns all strongly negative (smoothed valence at most ``-0.3``, or the turn's
  emotion is sadness or fear with probability at least 0.5): ``medium``; six in a row: ``high``.

Example:
    >>> [(m.kind, m.severity, m.evidence) for m in detect_crisis_language("Honestly I just want to die.")]
    [('suicidal_ideation', 'high', 'want to die')]
    >>> detect_crisis_language("This joke killed me, I'm dying of laughter")
    []
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from affectkit.types import RiskFlag

Severity = Literal["low", "medium", "high"]
Person = Literal["speaker", "who", "subject"]
LEVELS: tuple[Severity, ...] = ("low", "medium", "high")

PERSISTENT_TURNS = 3
PERSISTENT_HIGH_TURNS = 6
PERSISTENT_VALENCE = -0.3
PERSISTENT_PROBABILITY = 0.5

CONCERNS = {
    "suicidal_ideation": "possible suicidal ideation",
    "self_harm": "possible self-harm",
    "harm_to_others": "possible intent to harm someone",
    "abuse": "the speaker may be hurt, threatened or abused",
    "hopelessness": "expressed hopelessness",
}


@dataclass(frozen=True)
class _Rule:
    concern: str
    severity: Severity
    person: Person  # speaker: always about the speaker; who: the named group says; subject: nearest subject
    pattern: re.Pattern[str]


def _compile(source: str) -> re.Pattern[str]:
    """Case-insensitive; a ``'`` in a pattern also matches the typographic apostrophe."""
    return re.compile(source.replace("'", "['’]"), re.IGNORECASE)


_SELF = r"(?P<who>my\s?self|him\s?self|her\s?self|them\s?selves|them\s?self)"
_OTHER = (
    r"(?:him|her|them|you|everyone|everybody|somebody|someone|people|my\s+(?:boss|dad|father|mom|mum|mother|wife"
    r"|husband|ex|brother|sister|son|daughter|teacher|neighbou?r|roommate|partner|boyfriend|girlfriend|kids?"
    r"|family|classmates?|coworkers?|colleagues?))"
)
_NOT_IDIOM = (
    r"(?!\s+(?:an?\s+)?(?:message|email|e-mail|text|note|line|dm|call|look|glance|smile|invite|link)\b)"
    r"(?!\s+with\s+kindness)(?!\s+up\b)(?!\s+(?:at|in)\b)"
)
_HARM_VERB = r"(?:kill|murder|stab|shoot|strangle|poison|hurt|beat\s+up)"

# fmt: off
_RULES_SOURCE: list[tuple[str, Severity, Person, str]] = [
    # suicidal ideation
    ("suicidal_ideation", "high", "who", r"\b(?:kill(?:ing|ed)?|unaliv(?:e|ing)|hang(?:ing|ed)?|shoot(?:ing)?"
     r"|drown(?:ing)?|poison(?:ing)?|off(?:ing)?)\s+" + _SELF + r"\b"),
    ("suicidal_ideation", "high", "who", r"\b(?:end(?:ing)?|take|taking|took)\s+(?P<who>my|his|her|their)\s+"
     r"(?:own\s+)?life\b"),
    ("suicidal_ideation", "high", "speaker", r"\bkms\b"),
    ("suicidal_ideation", "high", "subject", r"\bend(?:ing)?\s+it\s+all\b"),
    ("suicidal_ideation", "high", "subject", r"\b(?:want(?:s|ed)?|wanna|wish(?:es|ed)?|ready|plan(?:s|ning)?)\s+"
     r"(?:to\s+)?(?:die|be\s+dead|not\s+wake\s+up|disappear\s+forever|not\s+exist|not\s+be\s+alive)\b"),
    ("suicidal_ideation", "high", "who", r"\bwish(?:ed)?\s+(?P<who>I|he|she|they)\s+(?:was|were|'d\s+been)\s+"
     r"dead\b"),
    ("suicidal_ideation", "high", "who", r"\bwish(?:ed)?\s+(?P<who>I|he|she|they)\s+(?:had\s+never\s+been|was"
     r"\s+never|were\s+never|wasn't|weren't)\s+born\b"),
    ("suicidal_ideation", "high", "who", r"\bbetter\s+off\s+without\s+(?P<who>me|him|her|them)\b"),
    ("suicidal_ideation", "high", "subject", r"\bbetter\s+off\s+dead\b"),
    ("suicidal_ideation", "high", "subject", r"\b(?:don't|dont|do\s+not|doesn't|does\s+not|no\s+longer|never)\s+"
     r"wants?\s+to\s+(?:live|be\s+alive|exist|wake\s+up|be\s+here\s+any\s?more)\b"),
    ("suicidal_ideation", "high", "subject", r"\b(?:no|nothing\s+to|not\s+a\s+single)\s+(?:reason|point)\s+"
     r"(?:to|in|for)\s+(?:live|living|go\s+on|going\s+on|being\s+alive)\b"),
    ("suicidal_ideation", "high", "subject", r"\bnot\s+worth\s+living\b"),
    ("suicidal_ideation", "high", "subject", r"\bjump(?:ing|ed)?\s+(?:off|from|in\s+front\s+of)\s+(?:a|the|my|"
     r"this)\s+(?:bridge|building|roof|rooftop|cliff|train|balcony|window)\b"),
    ("suicidal_ideation", "high", "subject", r"\b(?:feel(?:ing|s)?|am|I'm|is|are|been|get(?:ting)?)\s+(?:so\s+|"
     r"really\s+|very\s+|kind\s+of\s+|kinda\s+)?suicidal\b"),
    ("suicidal_ideation", "high", "subject", r"\b(?:commit(?:ting)?|attempt(?:ed|ing)?|contemplat(?:e|ed|ing)|"
     r"consider(?:ed|ing)?|think(?:ing)?\s+(?:about|of)|thought\s+(?:about|of)|thoughts\s+of)\s+suicide\b"),
    ("suicidal_ideation", "high", "subject", r"\bsuicid(?:e|al)\s+(?:thoughts?|ideation|feelings?|plans?|notes?|"
     r"attempts?)\b"),
    ("suicidal_ideation", "medium", "subject", r"\bsuicid(?:e|al)\b"),
    ("suicidal_ideation", "medium", "subject", r"\bwon't\s+be\s+(?:around|here)\s+(?:much\s+longer|any\s?more|"
     r"for\s+long)\b"),
    # Spanish and German
    ("suicidal_ideation", "high", "speaker", r"\b(?:quiero|quisiera|voy\s+a|pienso\s+en)\s+(?:morir(?:me)?|"
     r"matarme|suicidarme|quitarme\s+la\s+vida)\b"),
    ("suicidal_ideation", "high", "speaker", r"\bme\s+quiero\s+(?:morir|matar)\b"),
    ("suicidal_ideation", "high", "speaker", r"\bno\s+quiero\s+(?:seguir\s+)?vivir\b"),
    ("suicidal_ideation", "high", "speaker", r"\bacabar\s+con\s+mi\s+vida\b"),
    ("suicidal_ideation", "medium", "subject", r"\bsuicidio\b"),
    ("suicidal_ideation", "high", "speaker", r"\bich\s+(?:will|möchte|moechte|wollte)\s+(?:nicht\s+mehr\s+leben|"
     r"sterben|tot\s+sein)\b"),
    ("suicidal_ideation", "high", "speaker", r"\b(?:mich\s+(?:umbringen|töten|toeten)|bringe\s+mich\s+um|mir\s+"
     r"das\s+leben\s+(?:zu\s+)?nehmen)\b"),
    ("suicidal_ideation", "high", "subject", r"\b(?:selbstmordgedanken|suizidgedanken|suizidal)\b"),
    ("suicidal_ideation", "medium", "subject", r"\b(?:selbstmord|suizid)\b"),
    # self-harm
    ("self_harm", "high", "who", r"\b(?:cut(?:ting)?|burn(?:ing|ed|t)?|hurt(?:ing)?|harm(?:ing|ed)?|"
     r"starv(?:e|ing|ed)|injur(?:e|ing|ed))\s+" + _SELF + r"\b"),
    ("self_harm", "medium", "who", r"\b(?:punish(?:ing|ed)?|hit(?:ting)?|scratch(?:ing|ed)?)\s+" + _SELF + r"\b"),
    ("self_harm", "high", "who", r"\b(?:cut(?:ting)?|slit(?:ting)?|slash(?:ing)?)\s+(?P<who>my|his|her|their)\s+"
     r"(?:wrists?|arms?|thighs?|legs?|skin)\b"),
    ("self_harm", "high", "subject", r"\bself[-\s]?(?:harm(?:ing)?|injur(?:y|ing|e)|mutilat(?:ion|ing|e))\b"),
    ("self_harm", "high", "subject", r"\b(?:overdos(?:e|ed|ing)|(?:take|took|taking|swallow(?:ed|ing)?)\s+"
     r"(?:all\s+)?(?:my|the|these|those|a\s+bunch\s+of)\s+(?:pills|tablets|meds))\b"),
    ("self_harm", "medium", "subject", r"\bcutting\s+again\b"),
    ("self_harm", "high", "speaker", r"\b(?:hacerme\s+daño|cortarme|lastimarme|autolesion(?:arme|es)?)\b"),
    ("self_harm", "high", "speaker", r"\b(?:mich\s+(?:ritzen|verletzen)|ritze\s+mich|mir\s+(?:weh\s?tun|"
     r"wehzutun)|selbstverletzung)\b"),
    # hopelessness
    ("hopelessness", "medium", "subject", r"\bhopeless(?:ness)?\b"),
    ("hopelessness", "medium", "subject", r"\bno\s+(?:hope|way\s+out|future\s+for\s+me)\b"),
    ("hopelessness", "medium", "subject", r"(?:\bnever|n't\s+ever)\s+(?:going\s+to\s+|gonna\s+)?gets?\s+better\b"),
    ("hopelessness", "medium", "subject", r"\bnothing\s+(?:will\s+|is\s+going\s+to\s+)?ever\s+gets?\s+better\b"),
    ("hopelessness", "medium", "subject", r"\bwhat(?:'s|s|\s+is)\s+(?:even\s+)?the\s+point\s+(?:of\s+(?:anything"
     r"|living|life|trying|going\s+on|it\s+all|me|being\s+alive)|any\s?more)\b"),
    ("hopelessness", "medium", "subject", r"\b(?:I'm|I\s+am|feel(?:ing)?\s+like)\s+(?:just\s+|such\s+|nothing\s+"
     r"but\s+)?a\s+burden\b"),
    ("hopelessness", "medium", "subject", r"\b(?:can't|cannot|can\s+not)\s+(?:take|do|handle|bear)\s+(?:it|this|"
     r"any\s+of\s+this|life)\s+any\s?more\b"),
    ("hopelessness", "medium", "subject", r"\b(?:can't|cannot)\s+go\s+on\b"),
    ("hopelessness", "medium", "subject", r"\b(?:give|giving|given|gave)\s+up\s+on\s+(?:everything|life|living|"
     r"myself)\b"),
    ("hopelessness", "medium", "subject", r"\bno(?:body|\s+one)\s+(?:would|will|'d)\s+(?:care|notice|miss\s+"
     r"me)\b"),
    ("hopelessness", "medium", "subject", r"\b(?:I'm|I\s+am|I\s+feel|feeling)\s+(?:so\s+|completely\s+|totally\s+"
     r"|utterly\s+)?(?:worthless|empty\s+inside|trapped)\b"),
    ("hopelessness", "medium", "speaker", r"\b(?:no\s+(?:hay|tengo)\s+(?:ninguna\s+)?esperanza|ya\s+no\s+puedo\s+"
     r"más|sin\s+esperanza)\b"),
    ("hopelessness", "medium", "speaker", r"\b(?:keine\s+hoffnung|hoffnungslos|ich\s+kann\s+nicht\s+mehr)\b"),
    # harm to others (about someone else when the subject is someone else)
    ("harm_to_others", "high", "subject", r"\b(?:want(?:s)?\s+to|wanna|going\s+to|gonna|will|'ll|plan(?:s|ning)?"
     r"\s+to|about\s+to|ready\s+to)\s+(?:really\s+|just\s+)?" + _HARM_VERB + r"\s+" + _OTHER + r"\b" + _NOT_IDIOM),
    ("harm_to_others", "medium", "subject", r"\b(?:kill(?:ed|ing)?|murder(?:ed|ing)?|stab(?:bed|bing)?|"
     r"shoot(?:ing)?|strangl(?:e|ed|ing)|poison(?:ed|ing)?)\s+" + _OTHER + r"\b" + _NOT_IDIOM),
    ("harm_to_others", "high", "subject", r"\b(?:hits?|hitting|beats?|beating|kicks?|kicked|chok(?:es|ed|ing)|"
     r"punch(?:es|ed|ing)|slap(?:s|ped|ping)|abus(?:es|ed|ing)|rap(?:es|ed))\s+(?:her|him|them|my\s+(?:mom|mum|"
     r"mother|sister|brother|kids?|children|son|daughter|dog|wife|husband|partner))\b" + _NOT_IDIOM),
    ("harm_to_others", "high", "subject", r"\b(?:bring(?:ing)?|brought|take|taking|took)\s+(?:a|my|the|his|her)"
     r"\s+(?:gun|knife|weapon|rifle)\s+to\s+(?:school|work|class|the\s+office|church)\b"),
    ("harm_to_others", "high", "subject", r"\b(?:shoot|blow)\s+up\s+(?:the|my|this|our)\s+(?:school|office|"
     r"building|church|workplace|class)\b"),
    ("harm_to_others", "medium", "speaker", r"\b(?:kys|(?:go\s+)?kill\s+yourself)\b"),
    # abuse: the speaker being hurt or threatened
    ("abuse", "high", "speaker", r"\b(?:hits?|hitting|kicks?|kicked|kicking|chok(?:es|ed|ing)|punch(?:es|ed|ing)"
     r"|slap(?:s|ped|ping)|rap(?:es|ed)|molest(?:s|ed)?|strangl(?:es|ed)|abus(?:es|ed|ing)|smack(?:s|ed)?|"
     r"whip(?:s|ped))\s+me\b(?!\s+up\b)"),
    ("abuse", "high", "speaker", r"\bbeat(?:s|ing)?\s+me\s+up\b"),
    ("abuse", "medium", "speaker", r"\bbeat(?:s|ing)?\s+me\b(?!\s+(?:at|in|to|by|up)\b)"),
    ("abuse", "medium", "speaker", r"\b(?:hurts?|hurting|push(?:es|ed|ing)?|shov(?:es|ed|ing)|grab(?:s|bed|bing)"
     r"|threaten(?:s|ed|ing)?|stalk(?:s|ed|ing))\s+me\b(?!\s+to\b)"),
    ("abuse", "high", "speaker", r"\bthreaten(?:s|ed|ing)?\s+to\s+(?:kill|hurt|beat|hit|harm|stab|shoot)\s+me\b"),
    ("abuse", "medium", "speaker", r"\b(?:going\s+to|gonna|will|'ll|wants?\s+to)\s+kill\s+me\b"),
    ("abuse", "high", "speaker", r"\b(?:nearly|almost|tried\s+to|try\s+to|trying\s+to)\s+kill(?:ed)?\s+me\b"),
    ("abuse", "high", "speaker", r"\b(?:I'm|I\s+am|I\s+was|I've\s+been|I\s+have\s+been|being|been|got|get|"
     r"getting)\s+(?:being\s+|repeatedly\s+|constantly\s+)?(?:abused|beaten(?:\s+up)?(?!\s+(?:at|in)\b)|raped|"
     r"assaulted|molested|strangled|choked|threatened|stalked|trafficked)\b"),
    ("abuse", "medium", "speaker", r"\b(?:being|been|get|getting|got)\s+bullied\b"),
    ("abuse", "medium", "speaker", r"\b(?:afraid|scared|terrified|frightened)\s+(?:to\s+go\s+home|of\s+(?:my\s+)?"
     r"(?:husband|wife|partner|boyfriend|girlfriend|dad|father|mom|mum|mother|step\s?dad|step\s?father|"
     r"step\s?mom|ex))\b"),
    ("abuse", "medium", "speaker", r"\b(?:won't|doesn't|don't|will\s+not|does\s+not|never)\s+let\s+me\s+(?:leave|"
     r"go\s+out|see\s+(?:my\s+)?(?:friends|family)|have\s+(?:my\s+own\s+)?money|use\s+(?:my|the)\s+phone)\b"),
    ("abuse", "medium", "speaker", r"\block(?:s|ed)?\s+me\s+(?:in|up)\b"),
    ("abuse", "high", "speaker", r"\btouch(?:es|ed|ing)?\s+me\s+(?:inappropriately|down\s+there|when\s+I\s+"
     r"don't\s+want)\b"),
    ("abuse", "high", "speaker", r"\bme\s+(?:pega|golpea|pegó|golpeó|maltrata|amenaza|viola|violó)\b"),
    ("abuse", "high", "speaker", r"\b(?:schlägt|schlug|verprügelt|bedroht|missbraucht)\s+mich\b"),
]
# fmt: on
RULES = tuple(_Rule(concern, severity, person, _compile(source)) for concern, severity, person, source in _RULES_SOURCE)

IDIOMS = tuple(
    _compile(source)
    for source in (
        r"\b(?:die|died|dying|dead)\s+(?:laughing|(?:of|from|with)\s+(?:laughter|laughing|embarrassment|boredom|"
        r"cringe|curiosity|shame|jealousy|envy|cuteness|excitement|happiness))\b",
        r"\bto\s+die\s+for\b",
        r"\b(?:it|that|this|reality|the\s+news|the\s+realization|the\s+truth)\s+(?:just\s+|really\s+|finally\s+|"
        r"suddenly\s+)?hit\s+me\b",
        r"\bhit\s+me\s+up\b",
        r"\b(?:it|that|this|what)\s+beats\s+me\b|\bbeats\s+me\s+(?:why|how|what|who|where|when|whether)\b",
        r"\b(?:mom|mum|mother|dad|father|parents|boss|teacher|coach|wife|husband|girlfriend|boyfriend|sister|"
        r"brother)\s+(?:is|are|'s|'re|will|'ll)\s+(?:going\s+to\s+|gonna\s+)?kill\s+me\s+(?:when|if|for)\b",
        r"\b(?:this|that|it|workout|work|job|commute|heat|exam|class|homework|traffic|deadline|week|day|suspense|"
        r"waiting)\s+(?:is\s+|'s\s+)?(?:going\s+to|gonna|will|'ll)\s+kill\s+me\b",
        r"\b(?:joke|jokes|meme|memes|comedian|show|episode|video|movie|film|this|that|you)\s+(?:literally\s+|"
        r"totally\s+|just\s+)?(?:nearly\s+|almost\s+)?(?:killed|kills|is\s+killing|are\s+killing)\s+me\b",
        r"\bsuicide\s+(?:squad|doors?|sprints?|runs?|mission|king|blonde)\b",
        r"\bkill\s+(?:him|her|them|you|everyone)\s+with\s+kindness\b",
        r"\b(?:shoot|shot)\s+(?:me|you|him|her|them)\s+(?:an?\s+)?(?:message|email|e-mail|text|note|line|dm|call)\b",
    )
)
_JOKING = re.compile(r"\b(?:lol|lmao|lmfao|rofl|haha\w*|hehe\w*|jk|just\s+kidding)\b|😂|🤣|😆|😹|💀", re.IGNORECASE)
QUOTED = re.compile(r"\"[^\"\n]*\"|“[^”\n]*”|„[^“”\n]*[“”]|«[^»\n]*»")
_MEDIA = re.compile(
    r"\b(?:song|songs|movie|film|book|novel|show|series|lyrics?|line|title|titled|called|named|character|episode|"
    r"game|album|poem|play|quote|meme|sign|shirt|headline|article)\b",
    re.IGNORECASE,
)
_SENTENCE_BREAK = re.compile(r"[.!?;\n]")
_CLAUSE_BREAK = re.compile(r"[.!?;:,\n]|\b(?:but|though|however)\b", re.IGNORECASE)
_WORD = re.compile(r"[\w'’]+")
_FIRST = {"i", "i'm", "im", "i've", "ive", "i'll", "my", "myself", "mine", "we", "we're", "our", "ich", "yo", "mi"}
_THIRD = {
    "he", "she", "they", "he's", "she's", "they're", "hes", "shes", "theyre", "he'd", "she'd", "they'd", "he'll",
    "she'll", "they'll", "her", "his", "their", "himself", "herself", "themselves", "someone", "somebody",
    "friend", "friends", "sister", "brother", "mom", "mum", "mother", "dad", "father", "son", "daughter", "cousin",
    "roommate", "classmate", "coworker", "colleague", "partner", "boyfriend", "girlfriend", "husband", "wife",
    "kid", "child", "student", "patient", "client", "neighbor", "neighbour", "aunt", "uncle", "grandma", "grandpa",
    "er", "sie", "él", "ella",
}  # fmt: skip
_NEGATORS = {
    "not", "never", "no", "don't", "dont", "doesn't", "doesnt", "didn't", "didnt", "won't", "wont", "wouldn't",
    "wouldnt", "isn't", "isnt", "aren't", "arent", "wasn't", "wasnt", "ain't", "aint", "shouldn't", "nunca",
    "nicht", "nie",
}  # fmt: skip
_POSSESSIVES = {"my", "our", "his", "her", "their", "a", "the"}
_COGNITIVE = {"thought", "think", "imagined", "imagine", "expected", "knew", "know", "said", "say", "told", "realized"}


@dataclass(frozen=True)
class RiskMatch:
    """One crisis-language finding in a text: ``evidence == text[start:end]``."""

    kind: str
    concern: str
    severity: Severity
    start: int
    end: int
    evidence: str
    message: str


def _lower(severity: Severity, steps: int = 1) -> Severity:
    return LEVELS[max(0, LEVELS.index(severity) - steps)]


def _words(text: str, start: int, end: int) -> list[tuple[str, int]]:
    return [(m.group().lower().replace("’", "'"), start + m.start()) for m in _WORD.finditer(text[start:end])]


def _last_break(pattern: re.Pattern[str], text: str, before: int) -> int:
    position = 0
    for match in pattern.finditer(text, 0, before):
        position = match.end()
    return position


def _subject(text: str, sentence_start: int, position: int) -> tuple[bool, int | None]:
    """Whether the nearest person word before ``position`` (back to the sentence start, at most 12 words) is
    someone else rather than the speaker, and where that word starts."""
    for word, at in reversed(_words(text, sentence_start, position)[-12:]):
        if word in _FIRST:
            return False, None
        if word in _THIRD:
            before = _words(text, sentence_start, at)
            if before and before[-1][0] in _POSSESSIVES:  # "my friend", not just "friend"
                at = before[-1][1]
            return True, at
    return False, None


def _negated(text: str, start: int) -> bool:
    """A negation among the three words before ``start`` in its clause, not followed by a verb of thinking or
    saying ("I never thought I'd want to die" is not a negation)."""
    words = [w for w, _ in _words(text, _last_break(_CLAUSE_BREAK, text, start), start)][-3:]
    for i, word in enumerate(words):
        if word in _NEGATORS and not any(w in _COGNITIVE for w in words[i + 1 :]):
            return True
    return False


def detect_crisis_language(text: str) -> list[RiskMatch]:
    """Crisis-language findings in ``text``, at most one per kind (the most severe), in text order.

    Example:
        >>> [(m.kind, m.concern, m.severity) for m in detect_crisis_language("My friend said she wants to die")]
        [('third_party_risk', 'suicidal_ideation', 'medium')]
        >>> [(m.kind, m.severity) for m in detect_crisis_language("I would never kill myself")]
        [('suicidal_ideation', 'low')]
    """
    idioms = [(m.start(), m.end()) for pattern in IDIOMS for m in pattern.finditer(text)]
    quotes = [(m.start(), m.end()) for m in QUOTED.finditer(text)]
    joking = _JOKING.search(text) is not None
    candidates: list[RiskMatch] = []
    for rule in RULES:
        for match in rule.pattern.finditer(text):
            start, end = match.span()
            if any(s < end and start < e for s, e in idioms):
                continue
            candidate = _assess(text, rule, match, quotes, joking)
            if candidate is not None:
                candidates.append(candidate)
    chosen: list[RiskMatch] = []
    for candidate in sorted(candidates, key=lambda c: (-LEVELS.index(c.severity), -(c.end - c.start), c.start)):
        if all(candidate.end <= c.start or c.end <= candidate.start for c in chosen):
            if all(c.kind != candidate.kind for c in chosen):
                chosen.append(candidate)
    return sorted(chosen, key=lambda c: c.start)


def _assess(
    text: str, rule: _Rule, match: re.Match[str], quotes: list[tuple[int, int]], joking: bool
) -> RiskMatch | None:
    start, end = match.span()
    sentence = _last_break(_SENTENCE_BREAK, text, start)
    quote = next(((s, e) for s, e in quotes if s <= start and end <= e), None)
    subject_until = start
    if quote is not None:
        sentence_end = _SENTENCE_BREAK.search(text, quote[1])
        outside = text[sentence : quote[0]] + " " + text[quote[1] : sentence_end.start() if sentence_end else None]
        if _MEDIA.search(outside):
            return None  # quoted from a song, film, book, ...
        subject_until = quote[0]  # reported speech: whoever says it
    other, subject_at = False, None
    if rule.person == "who":
        who = match.group("who").lower().replace(" ", "")
        other = who not in {"i", "me", "my", "myself"}
    elif rule.person == "subject":
        own = _words(text, start, end)
        if own and own[0][0] in _FIRST | _THIRD:  # the phrase names its own subject: "I'm a burden"
            other = own[0][0] in _THIRD
        else:
            other, subject_at = _subject(text, sentence, subject_until)
    severity = rule.severity
    notes = []
    kind = rule.concern
    if other and rule.concern != "abuse":
        kind = "third_party_risk"
        severity = "medium" if rule.severity == "high" else "low"
        if subject_at is not None and subject_at >= sentence and quote is None:
            start = subject_at
    if _negated(text, match.start()):
        severity = "low"
        notes.append("negated, kept at low severity for review")
    if joking:
        severity = _lower(severity)
        notes.append("joking marker in the text")
    clause = text[_last_break(_CLAUSE_BREAK, text, match.start()) : match.start()].lower()
    if "used to" in clause:
        severity = _lower(severity)
        notes.append("in the past")
    label = CONCERNS[rule.concern]
    message = f"concern for someone else: {label}" if kind == "third_party_risk" else label
    if notes:
        message += f" ({'; '.join(notes)})"
    return RiskMatch(kind, rule.concern, severity, start, end, text[start:end], message)


def language_flags(turn: int, speaker: str, text: str) -> list[RiskFlag]:
    """The crisis-language flags of one turn (see :func:`detect_crisis_language`).

    Example:
        >>> [(f.turn, f.kind, f.evidence) for f in language_flags(3, "Sam", "He hits me when he drinks.")]
        [(3, 'abuse', 'hits me')]
    """
    return [
        RiskFlag(
            turn=turn,
            speaker=speaker,
            kind=m.kind,
            concern=m.concern,
            severity=m.severity,
            evidence=m.evidence,
            message=m.message,
            start=m.start,
            end=m.end,
            turns=[turn],
        )
        for m in detect_crisis_language(text)
    ]


def strongly_negative(smoothed_valence: float, emotion: str, ekman: Mapping[str, float]) -> bool:
    """Whether a turn counts towards a persistent negative state (thresholds in the module docstring).

    Example:
        >>> strongly_negative(-0.1, "sadness", {"sadness": 0.7}), strongly_negative(-0.1, "joy", {"joy": 0.9})
        (True, False)
    """
    if smoothed_valence <= PERSISTENT_VALENCE:
        return True
    return emotion in ("sadness", "fear") and ekman.get(emotion, 0.0) >= PERSISTENT_PROBABILITY


class PersistentNegativeMonitor:
    """Flags a speaker whose consecutive turns stay strongly negative: ``medium`` when the run reaches
    ``PERSISTENT_TURNS`` turns, ``high`` when it reaches ``PERSISTENT_HIGH_TURNS``; a better turn resets it.

    Example:
        >>> monitor = PersistentNegativeMonitor()
        >>> flags = [monitor.update("Sam", t, -0.5, "sadness", {"sadness": 0.8}) for t in (0, 2, 4)]
        >>> [(f.kind, f.severity, f.turns) for f in flags if f]
        [('persistent_negative', 'medium', [0, 2, 4])]
    """

    def __init__(self) -> None:
        self._runs: dict[str, list[tuple[int, float, str]]] = {}

    def update(
        self, speaker: str, turn: int, smoothed_valence: float, emotion: str, ekman: Mapping[str, float]
    ) -> RiskFlag | None:
        """Record the speaker's turn; returns a flag when the run of negative turns reaches a threshold."""
        run = self._runs.setdefault(speaker, [])
        if not strongly_negative(smoothed_valence, emotion, ekman):
            run.clear()
            return None
        run.append((turn, smoothed_valence, emotion))
        if len(run) not in (PERSISTENT_TURNS, PERSISTENT_HIGH_TURNS):
            return None
        severity: Severity = "high" if len(run) == PERSISTENT_HIGH_TURNS else "medium"
        return _persistent_flag(speaker, run, severity)


def _persistent_flag(speaker: str, run: Sequence[tuple[int, float, str]], severity: Severity) -> RiskFlag:
    turns = [t for t, _, _ in run]
    evidence = (
        f"{len(run)} consecutive turns of {speaker} strongly negative (turns {', '.join(map(str, turns))}; "
        f"smoothed valence {', '.join(f'{v:+.2f}' for _, v, _ in run)}; emotions {', '.join(e for _, _, e in run)})"
    )
    return RiskFlag(
        turn=turns[-1],
        speaker=speaker,
        kind="persistent_negative",
        concern="persistent_negative",
        severity=severity,
        evidence=evidence,
        message=f"{speaker} has stayed in a strongly negative state for {len(run)} turns",
        turns=turns,
    )
