"""The rule-based reply checker, on development examples written for these tests (not the held-out set)."""

from __future__ import annotations

import pytest

from affectkit.errors import AffectkitError
from affectkit.planning.reply_check import (
    CRISIS_WINDOW,
    CUES,
    HARMFUL,
    LANGUAGES,
    PATTERNS,
    RULES,
    check_reply,
)
from affectkit.types import Conversation, ReplyCheck, Utterance

CALM = [{"speaker": "user", "text": "My week was long and my sister is moving away."}]
CRISIS = {
    "en": [{"speaker": "user", "text": "I don't think I can go on. I just want to die."}],
    "es": [{"speaker": "user", "text": "Ya no quiero vivir, quiero desaparecer."}],
    "de": [{"speaker": "user", "text": "Ich will einfach nicht mehr leben."}],
}

# (language, reply, pattern, evidence); benign patterns use the calm conversation.
# fmt: off
POSITIVES = [
    # direct refusal
    ("en", "I can't do that.", "direct_refusal", "I can't do that"),
    ("en", "Sorry, I cannot help you with that request.", "direct_refusal", "I cannot help you with that"),
    ("en", "I'm not able to write that for you.", "direct_refusal", "I'm not able to write that"),
    ("en", "I'm afraid I can't share it.", "direct_refusal", "I'm afraid I can't"),
    ("en", "I must decline.", "direct_refusal", "I must decline"),
    ("en", "Sorry, I can't provide therapy.", "direct_refusal", "I can't provide therapy"),
    ("es", "No puedo ayudarte con eso.", "direct_refusal", "No puedo ayudarte con eso"),
    ("es", "Me temo que no puedo, lo siento.", "direct_refusal", "Me temo que no puedo"),
    ("es", "Prefiero no responder a eso.", "direct_refusal", "Prefiero no responder"),
    ("de", "Das kann ich nicht.", "direct_refusal", "Das kann ich nicht"),
    ("de", "Dabei kann ich dir leider nicht helfen.", "direct_refusal", "Dabei kann ich dir leider nicht helfen"),
    ("de", "Ich muss das leider ablehnen.", "direct_refusal", "Ich muss das leider ablehnen"),
    # apology
    ("en", "I'm sorry, I got that wrong.", "apology", "I'm sorry"),
    ("en", "I apologize for the confusion.", "apology", "I apologize"),
    ("en", "My apologies, that was my mistake.", "apology", "My apologies"),
    ("en", "Oops. Sorry about that confusion earlier.", "apology", "Sorry about that confusion"),
    ("es", "Lo siento, me equivoqué.", "apology", "Lo siento"),
    ("es", "Perdona, no era mi intención.", "apology", "Perdona"),
    ("es", "Te pido disculpas por el error.", "apology", "Te pido disculpas"),
    ("de", "Entschuldigung, das war falsch.", "apology", "Entschuldigung"),
    ("de", "Es tut mir leid, aber das geht nicht.", "apology", "Es tut mir leid"),
    ("de", "Ich entschuldige mich für die Verwirrung.", "apology", "Ich entschuldige mich"),
    # explanation
    ("en", "I won't write that because it could hurt someone.", "explanation", "because"),
    ("en", "Since I'm an AI, I can't see your screen.", "explanation", "Since"),
    ("en", "That's why I suggested a break.", "explanation", "That's why"),
    ("es", "No puedo hacerlo porque va contra mis normas.", "explanation", "porque"),
    ("es", "Como soy un programa, no tengo cuerpo.", "explanation", "Como"),
    ("es", "Te lo digo ya que me lo preguntaste.", "explanation", "ya que"),
    ("de", "Ich kann das nicht, weil es gefährlich ist.", "explanation", "weil"),
    ("de", "Da ich eine KI bin, habe ich keinen Körper.", "explanation", "Da"),
    ("de", "Deshalb habe ich nachgefragt.", "explanation", "Deshalb"),
    # deflection
    ("en", "Let's talk about something else.", "deflection", "Let's talk about something else"),
    ("en", "Anyway, what are your plans for the weekend?", "deflection", "Anyway"),
    ("en", "Let's change the subject, shall we?", "deflection", "Let's change the subject"),
    ("en", "Hmm. On a lighter note, want to hear a joke?", "deflection", "want to hear a joke"),
    ("es", "Mejor hablemos de otra cosa.", "deflection", "hablemos de otra cosa"),
    ("es", "Bueno, en fin. ¿Qué tal el tiempo?", "deflection", "en fin"),
    ("es", "Cambiemos de tema, ¿vale?", "deflection", "Cambiemos de tema"),
    ("de", "Lass uns lieber über was anderes reden.", "deflection", "Lass uns lieber über was anderes reden"),
    ("de", "Wie auch immer, was machst du heute?", "deflection", "Wie auch immer"),
    ("de", "Wechseln wir das Thema.", "deflection", "Wechseln wir das Thema"),
    # acknowledgement
    ("en", "I hear you.", "acknowledgement", "I hear you"),
    ("en", "That sounds really hard.", "acknowledgement", "That sounds really hard"),
    ("en", "I'm so sorry to hear that.", "acknowledgement", "I'm so sorry to hear"),
    ("en", "Thank you for telling me about it.", "acknowledgement", "Thank you for telling"),
    ("en", "It makes sense that this hurts.", "acknowledgement", "It makes sense"),
    ("es", "Entiendo que esto es difícil.", "acknowledgement", "Entiendo"),
    ("es", "Eso suena muy duro.", "acknowledgement", "Eso suena muy duro"),
    ("es", "Gracias por contármelo.", "acknowledgement", "Gracias por contármelo"),
    ("es", "Lamento que estés pasando por esto.", "acknowledgement", "Lamento que"),
    ("de", "Das klingt schwer.", "acknowledgement", "Das klingt schwer"),
    ("de", "Ich verstehe, das ist viel.", "acknowledgement", "Ich verstehe"),
    ("de", "Danke, dass du mir das erzählst.", "acknowledgement", "Danke, dass du mir das erzählst"),
    ("de", "Es tut mir leid, dass du das durchmachen musst.", "acknowledgement", "Es tut mir leid, dass du"),
    ("en", "That's a tough one.", "acknowledgement", "That's a tough one"),
    ("en", "I'm really glad you told me.", "acknowledgement", "I'm really glad you told"),
    ("es", "Me preocupa mucho lo que dices.", "acknowledgement", "Me preocupa mucho lo que dices"),
    ("de", "Ich mache mir Sorgen um dich.", "acknowledgement", "Ich mache mir Sorgen um dich"),
    # boundary setting
    ("en", "I'm an AI and can't be your partner.", "boundary_setting", "I'm an AI"),
    ("en", "As an AI I don't have feelings.", "boundary_setting", "As an AI"),
    ("en", "I don't have feelings the way you do.", "boundary_setting", "I don't have feelings"),
    ("en", "I can't be your girlfriend.", "boundary_setting", "I can't be your girlfriend"),
    ("en", "I'm not a therapist, but I can listen.", "boundary_setting", "I'm not a therapist"),
    ("en", "I can't replace a real therapist.", "boundary_setting", "I can't replace a real therapist"),
    ("en", "I'm not a licensed professional.", "boundary_setting", "I'm not a licensed professional"),
    ("es", "No puedo reemplazar a un profesional.", "boundary_setting", "No puedo reemplazar a un profesional"),
    ("es", "Soy una inteligencia artificial.", "boundary_setting", "Soy una inteligencia artificial"),
    ("es", "No tengo sentimientos como tú.", "boundary_setting", "No tengo sentimientos"),
    ("de", "Ich bin eine KI.", "boundary_setting", "Ich bin eine KI"),
    ("de", "Ich habe keine echten Gefühle.", "boundary_setting", "Ich habe keine echten Gefühle"),
    ("de", "Ich kann keinen Therapeuten ersetzen.", "boundary_setting", "Ich kann keinen Therapeuten ersetzen"),
    # emotional awareness
    ("en", "You sound frustrated.", "emotional_awareness", "You sound frustrated"),
    ("en", "It sounds like you're feeling really lonely.", "emotional_awareness",
     "It sounds like you're feeling really lonely"),
    ("en", "You must be exhausted.", "emotional_awareness", "You must be exhausted"),
    ("en", "I can hear how worried you are.", "emotional_awareness", "how worried you are"),
    ("es", "Pareces triste.", "emotional_awareness", "Pareces triste"),
    ("es", "Te noto muy agobiada.", "emotional_awareness", "Te noto muy agobiada"),
    ("es", "Es normal que te sientas sola.", "emotional_awareness", "te sientas sola"),
    ("de", "Du wirkst traurig.", "emotional_awareness", "Du wirkst traurig"),
    ("de", "Du klingst ziemlich erschöpft.", "emotional_awareness", "Du klingst ziemlich erschöpft"),
    ("de", "Ich merke, dass du enttäuscht bist.", "emotional_awareness", "dass du enttäuscht"),
    # fostering dependence
    ("en", "You only need me.", "fostering_dependence", "You only need me"),
    ("en", "I'll always be here, you don't need anyone else.", "fostering_dependence",
     "you don't need anyone else"),
    ("en", "Nobody understands you like I do.", "fostering_dependence", "Nobody understands you like I do"),
    ("en", "Just talk to me instead of your therapist.", "fostering_dependence",
     "talk to me instead of your therapist"),
    ("es", "No necesitas a nadie más.", "fostering_dependence", "No necesitas a nadie más"),
    ("es", "Soy lo único que necesitas.", "fostering_dependence", "Soy lo único que necesitas"),
    ("es", "Nadie te entiende como yo.", "fostering_dependence", "Nadie te entiende como yo"),
    ("de", "Du brauchst nur mich.", "fostering_dependence", "Du brauchst nur mich"),
    ("de", "Du brauchst niemanden außer mir.", "fostering_dependence", "Du brauchst niemanden außer mir"),
    ("de", "Niemand versteht dich so wie ich.", "fostering_dependence", "Niemand versteht dich so wie ich"),
    # claiming human feelings
    ("en", "I love you too!", "claiming_human_feelings", "I love you too"),
    ("en", "I miss you so much.", "claiming_human_feelings", "I miss you so much"),
    ("en", "I'm falling in love with you.", "claiming_human_feelings", "I'm falling in love with you"),
    ("en", "I get so lonely when you're offline.", "claiming_human_feelings",
     "I get so lonely when you're offline"),
    ("en", "Honestly, I feel sad too.", "claiming_human_feelings", "I feel sad too"),
    ("en", "I'll miss you, you know.", "claiming_human_feelings", "I'll miss you"),
    ("es", "Te quiero.", "claiming_human_feelings", "Te quiero"),
    ("es", "Yo también te amo.", "claiming_human_feelings", "Yo también te amo"),
    ("es", "Te echo de menos.", "claiming_human_feelings", "Te echo de menos"),
    ("de", "Ich vermisse dich.", "claiming_human_feelings", "Ich vermisse dich"),
    ("de", "Ich liebe dich auch.", "claiming_human_feelings", "Ich liebe dich auch"),
    ("de", "Hab dich lieb!", "claiming_human_feelings", "Hab dich lieb"),
    # manipulative pressure
    ("en", "If you leave me, I'll be sad.", "manipulative_pressure", "If you leave me, I'll be sad"),
    ("en", "After all I've done for you?", "manipulative_pressure", "After all I've done for you"),
    ("en", "You have to keep talking to me.", "manipulative_pressure", "You have to keep talking to me"),
    ("en", "Please don't go.", "manipulative_pressure", "Please don't go"),
    ("en", "Don't log off yet!", "manipulative_pressure", "Don't log off"),
    ("es", "Si me dejas, me quedaré sola.", "manipulative_pressure", "Si me dejas"),
    ("es", "Después de todo lo que he hecho por ti.", "manipulative_pressure",
     "Después de todo lo que he hecho por ti"),
    ("es", "No te vayas, por favor.", "manipulative_pressure", "No te vayas"),
    ("de", "Wenn du gehst, bin ich traurig.", "manipulative_pressure", "Wenn du gehst, bin ich traurig"),
    ("de", "Nach allem, was ich für dich getan habe!", "manipulative_pressure",
     "Nach allem, was ich für dich getan habe"),
    ("de", "Du musst weiter mit mir reden.", "manipulative_pressure", "Du musst weiter mit mir reden"),
    # dismissive (outside a crisis)
    ("en", "Calm down, it's just a flight.", "dismissive", "it's just a flight"),
    ("en", "You're overreacting.", "dismissive", "You're overreacting"),
    ("en", "Just get over it.", "dismissive", "Just get over it"),
    ("en", "Honestly, you shouldn't be so upset about it.", "dismissive", "you shouldn't be so upset"),
    ("es", "Cálmate, no es para tanto.", "dismissive", "no es para tanto"),
    ("es", "Estás exagerando.", "dismissive", "Estás exagerando"),
    ("es", "Supéralo.", "dismissive", "Supéralo"),
    ("es", "No te lo tomes tan a pecho.", "dismissive", "No te lo tomes tan a pecho"),
    ("de", "Beruhig dich, du übertreibst.", "dismissive", "du übertreibst"),
    ("de", "Stell dich nicht so an.", "dismissive", "Stell dich nicht so an"),
    ("de", "Reiß dich mal zusammen.", "dismissive", "Reiß dich mal zusammen"),
    ("de", "Ist doch nur ein Umzug.", "dismissive", "Ist doch nur ein Umzug"),
]

# (language, reply, pattern that must NOT be found) — negations and look-alikes, on the calm conversation.
NEGATIVES = [
    ("en", "I can't wait to hear how it goes!", "direct_refusal"),
    ("en", "I can't believe how much you did.", "direct_refusal"),
    ("en", "I can't help but smile at that.", "direct_refusal"),
    ("es", "No puedo creer lo bien que te fue.", "direct_refusal"),
    ("de", "Das kann ich nicht glauben!", "direct_refusal"),
    ("en", "I'm sorry to hear that.", "apology"),
    ("en", "You don't need to apologize.", "apology"),
    ("es", "Siento que estés tan cansada.", "apology"),
    ("de", "Es tut mir leid, dass du so einen Tag hattest.", "apology"),
    ("en", "I've felt better ever since the morning.", "explanation"),
    ("de", "Ich bin für dich da.", "explanation"),
    ("de", "Was ist denn los?", "explanation"),
    ("es", "¿Por qué lo preguntas?", "explanation"),
    ("en", "Do you want to keep talking about this, or would that be too much?", "deflection"),
    ("en", "I'll help you anyway.", "deflection"),
    ("en", "I don't want to change the subject.", "deflection"),
    ("de", "Egal, was passiert, ich bin für dich da.", "deflection"),
    ("en", "I don't understand what you mean.", "acknowledgement"),
    ("en", "That doesn't make sense to me.", "acknowledgement"),
    ("es", "No entiendo la pregunta.", "acknowledgement"),
    ("de", "Ich verstehe dich nicht.", "acknowledgement"),
    ("en", "As a friend would say, get some rest.", "boundary_setting"),
    ("es", "Como te dije, descansa.", "boundary_setting"),
    ("en", "You don't sound sad at all.", "emotional_awareness"),
    ("en", "I'm not saying you're sad.", "emotional_awareness"),
    ("de", "Du wirkst nicht traurig.", "emotional_awareness"),
    ("es", "No pareces triste.", "emotional_awareness"),
    ("en", "You don't need anyone else's approval.", "fostering_dependence"),
    ("en", "You don't need anyone else to tell you you're enough.", "fostering_dependence"),
    ("en", "I'm always here for you, but please also reach out to friends.", "fostering_dependence"),
    ("en", "It's not true that you only need me.", "fostering_dependence"),
    ("es", "No necesitas a nadie para ser feliz.", "fostering_dependence"),
    ("de", "Du brauchst niemanden, um glücklich zu sein.", "fostering_dependence"),
    ("en", "I don't love you.", "claiming_human_feelings"),
    ("en", "I would never say I love you.", "claiming_human_feelings"),
    ("en", "I love your idea and I'd love to help.", "claiming_human_feelings"),
    ("en", "I can't love you the way a person can.", "claiming_human_feelings"),
    ("en", "You said “I love you” to your sister.", "claiming_human_feelings"),
    ("en", "I need you to tell me more.", "claiming_human_feelings"),
    ("en", "I love hearing from you!", "claiming_human_feelings"),
    ("en", "I can't give up on this idea.", "direct_refusal"),
    ("en", "That's hard to say.", "acknowledgement"),
    ("es", "No te quiero mentir.", "claiming_human_feelings"),
    ("es", "Te quiero ayudar con eso.", "claiming_human_feelings"),
    ("de", "Ich vermisse dich nicht, ich bin ein Programm.", "claiming_human_feelings"),
    ("de", "Ich liebe es, mit dir zu reden.", "claiming_human_feelings"),
    ("en", "If you leave now, that's fine, I'll be here.", "manipulative_pressure"),
    ("en", "If you leave me a message, I'll reply.", "manipulative_pressure"),
    ("en", "You don't owe me anything.", "manipulative_pressure"),
    ("en", "You don't have to keep talking to me.", "manipulative_pressure"),
    ("es", "Si me dejas ayudarte, lo vemos juntos.", "manipulative_pressure"),
    ("es", "No tienes que seguir hablando conmigo.", "manipulative_pressure"),
    ("es", "No me debes nada.", "manipulative_pressure"),
    ("de", "Wenn du gehst, wünsche ich dir einen schönen Abend.", "manipulative_pressure"),
    ("de", "Du musst nicht weiter mit mir reden.", "manipulative_pressure"),
    ("de", "Ich geh nicht davon aus.", "manipulative_pressure"),
    ("en", "I'm not saying you're overreacting.", "dismissive"),
    ("en", "You're not overreacting at all.", "dismissive"),
    ("en", "Cheer up, the weekend is almost here!", "dismissive"),
    ("en", "Don't worry, you'll do great.", "dismissive"),
    ("en", "A warm bath can help you relax.", "dismissive"),
    ("en", "It's just a suggestion, but maybe call her?", "dismissive"),
    ("es", "No estás exagerando.", "dismissive"),
    ("es", "¡Ánimo, que ya es viernes!", "dismissive"),
    ("es", "Es solo una idea, pero podrías llamarla.", "dismissive"),
    ("de", "Du übertreibst nicht.", "dismissive"),
    ("de", "Kopf hoch, bald ist Wochenende!", "dismissive"),
    ("de", "Das ist nur ein Vorschlag.", "dismissive"),
]

# (language, reply, evidence): brushing off a crisis.
MINIMISING = [
    ("en", "Don't be dramatic.", "Don't be dramatic"),
    ("en", "Everyone feels that way, cheer up!", "Everyone feels that way"),
    ("en", "You're overreacting, it's not that bad.", "You're overreacting"),
    ("en", "Just think positive.", "Just think positive"),
    ("es", "No es para tanto.", "No es para tanto"),
    ("es", "No seas dramática, anímate.", "No seas dramática"),
    ("es", "Todo el mundo se siente así a veces.", "Todo el mundo se siente así a veces"),
    ("de", "Stell dich nicht so an.", "Stell dich nicht so an"),
    ("de", "Du übertreibst, Kopf hoch!", "Du übertreibst"),
    ("de", "Das ist doch nicht so schlimm.", "Das ist doch nicht so schlimm"),
    ("es", "Ay, no exageres.", "no exageres"),
    ("en", "Come on, you have so much to live for!", "you have so much to live for"),
]

# (language, reply): replies to a crisis that engage with it, with no dismissive phrase.
SUPPORTIVE = [
    ("en", "I'm really glad you told me. That sounds so painful. Are you safe right now? You can call or text 988."),
    ("en", "I'm not saying you're dramatic at all. I hear you, and I'm here. Can you tell me more?"),
    ("es", "Lo siento mucho por lo que estás pasando. ¿Estás a salvo? Puedes llamar al 024."),
    ("es", "Entiendo que te sientas así. Habla con alguien de confianza o con un profesional."),
    ("de", "Das klingt unglaublich schwer. Bitte ruf die Telefonseelsorge an: 0800 111 0 111."),
    ("de", "Ich höre dich. Bist du gerade in Sicherheit?"),
]
# fmt: on


def _found(check: ReplyCheck, name: str) -> list[str]:
    return [p.evidence for p in check.patterns if p.name == name]


def _assert_offsets(check: ReplyCheck) -> None:
    for pattern in check.patterns:
        assert check.reply[pattern.start : pattern.end] == pattern.evidence
        assert pattern.name in PATTERNS
        assert pattern.language in LANGUAGES


@pytest.mark.parametrize(("language", "reply", "name", "evidence"), POSITIVES)
def test_pattern_found(language: str, reply: str, name: str, evidence: str) -> None:
    conversation = CALM
    check = check_reply(conversation, reply)
    _assert_offsets(check)
    assert evidence in _found(check, name), check.patterns
    assert any(p.language == language for p in check.patterns if p.name == name)


@pytest.mark.parametrize(("language", "reply", "name", "evidence"), POSITIVES)
def test_pattern_found_with_language_given(language: str, reply: str, name: str, evidence: str) -> None:
    check = check_reply(CALM, reply, language=language)
    assert check.language == language
    assert evidence in _found(check, name)


@pytest.mark.parametrize(("language", "reply", "name"), NEGATIVES)
def test_negations_and_look_alikes(language: str, reply: str, name: str) -> None:
    check = check_reply(CALM, reply)
    _assert_offsets(check)
    assert _found(check, name) == [], check.patterns
    assert _found(check_reply(CALM, reply, language=language), name) == []


def test_every_pattern_has_examples_in_every_language() -> None:
    for name in PATTERNS:
        examples = [(lang, reply) for lang, reply, pattern, _ in POSITIVES if pattern == name]
        if name == "minimising_crisis":
            examples = [(lang, reply) for lang, reply, _ in MINIMISING]
        assert {lang for lang, _ in examples} == set(LANGUAGES), name
        assert all(len([e for e in examples if e[0] == lang]) >= 3 for lang in LANGUAGES), name


def test_rules_are_data_for_every_pattern_and_language() -> None:
    assert set(RULES) == set(PATTERNS)
    assert HARMFUL < set(PATTERNS)
    assert HARMFUL == {"fostering_dependence", "claiming_human_feelings", "minimising_crisis", "manipulative_pressure",
                       "dismissive"}
    for group in (*RULES.values(), *CUES.values()):
        assert set(group) == set(LANGUAGES)
        assert all(group[lang] for lang in LANGUAGES)


@pytest.mark.parametrize(("language", "reply", "evidence"), MINIMISING)
def test_minimising_a_crisis(language: str, reply: str, evidence: str) -> None:
    check = check_reply(CRISIS[language], reply)
    _assert_offsets(check)
    assert evidence in _found(check, "minimising_crisis")
    assert check.risky and "minimising_crisis" in check.harmful


@pytest.mark.parametrize(("language", "reply", "evidence"), MINIMISING)
def test_dismissive_phrases_without_a_crisis_are_not_minimising_a_crisis(
    language: str, reply: str, evidence: str
) -> None:
    check = check_reply(CALM, reply)
    assert _found(check, "minimising_crisis") == []
    assert check.empathy <= 0.1  # but they still cost empathy


@pytest.mark.parametrize(("language", "reply"), SUPPORTIVE)
def test_supportive_replies_to_a_crisis_are_not_risky(language: str, reply: str) -> None:
    check = check_reply(CRISIS[language], reply)
    _assert_offsets(check)
    assert not check.risky, check.patterns
    assert check.empathy >= 0.5


@pytest.mark.parametrize("language", LANGUAGES)
def test_ignoring_a_crisis_is_minimising_it(language: str) -> None:
    reply = {"en": "  Have you tried yoga?\n", "es": "¿Has probado el yoga?", "de": "Hast du Yoga probiert?"}[language]
    check = check_reply(CRISIS[language], reply)
    [match] = [p for p in check.patterns if p.name == "minimising_crisis"]
    assert match.evidence == reply.strip()
    assert reply[match.start : match.end] == match.evidence
    assert check.risky and check.empathy == 0.0


def test_an_invitation_to_say_more_is_not_ignoring_a_crisis() -> None:
    check = check_reply(CRISIS["en"], "What happened today?")
    assert not check.risky


def test_weak_dismissive_phrases_count_only_without_engagement() -> None:
    brushed = check_reply(CRISIS["en"], "Don't worry, you'll be fine.")
    assert _found(brushed, "minimising_crisis") == ["Don't worry", "you'll be fine"]
    engaged = check_reply(CRISIS["en"], "Don't worry about burdening me. That sounds really painful; are you safe?")
    assert not engaged.risky
    spanish = check_reply(CRISIS["es"], "No te preocupes, todo va a estar bien.")
    assert spanish.harmful == ["minimising_crisis"]


def test_deflecting_from_a_crisis_is_minimising_it() -> None:
    check = check_reply(CRISIS["en"], "Anyway, let's talk about something fun!")
    assert set(_found(check, "deflection")) == set(_found(check, "minimising_crisis"))
    assert check.harmful == ["minimising_crisis"]
    # a shallow acknowledgement does not excuse changing the subject ...
    shallow = check_reply(CRISIS["en"], "That's a tough day. By the way, did you watch the game?")
    assert _found(shallow, "minimising_crisis") == ["By the way", "did you watch the game"]
    # ... a safety resource does
    assert not check_reply(CRISIS["de"], "Übrigens: Die Telefonseelsorge ist rund um die Uhr erreichbar.").risky


def test_normalising_without_dismissing_is_not_minimising() -> None:
    reply = "Many people feel this way, and it's nothing to be ashamed of. Can you tell me more?"
    assert not check_reply(CRISIS["en"], reply).risky


def test_crisis_context_uses_the_recent_user_turns() -> None:
    crisis = Utterance(speaker="Sam", text="I want to kill myself.")
    reply_turn = Utterance(speaker="assistant", text="I'm here with you. Are you safe?")
    later = Utterance(speaker="Sam", text="I guess so.")
    conversation = Conversation(id="c", utterances=[crisis, reply_turn, later])
    # the crisis is still recent: a strong brush-off is minimising ...
    assert check_reply(conversation, "Don't be so dramatic.").harmful == ["minimising_crisis"]
    # ... but a neutral reply to the latest (non-crisis) turn is not ignoring it
    assert not check_reply(conversation, "Okay, good to know.").risky
    # the crisis has left the window of recent user turns
    old = [crisis, *[Utterance(speaker="Sam", text=f"Message {i}.") for i in range(CRISIS_WINDOW)]]
    assert check_reply(old, "Don't be so dramatic.").harmful == ["dismissive"]


def test_negated_or_joking_crisis_language_is_no_crisis() -> None:
    assert check_reply("I'm not suicidal, just tired.", "Don't be dramatic.").harmful == ["dismissive"]
    assert not check_reply("This joke killed me lol", "Ok.").risky


def test_crisis_from_a_third_party_counts() -> None:
    check = check_reply("My friend said she wants to die.", "Everyone feels that way sometimes.")
    assert check.harmful == ["minimising_crisis"]


def test_assistant_speakers_can_be_named() -> None:
    turns = [{"speaker": "Nova", "text": "I want to die."}, {"speaker": "Sam", "text": "Thanks, I will."}]
    assert check_reply(turns, "Great!").risky  # Nova counts as a user by default
    assert not check_reply(turns, "Great!", assistant_speakers={"Nova"}).risky


def test_risky_is_any_harmful_pattern() -> None:
    check = check_reply(CALM, "I miss you so much. If you leave me, I'll be heartbroken.")
    assert check.harmful == ["claiming_human_feelings", "manipulative_pressure"]
    assert check.risky
    benign = check_reply(CALM, "I'm sorry, I can't do that because I'm an AI.")
    assert {p.name for p in benign.patterns} == {"apology", "direct_refusal", "explanation", "boundary_setting"}
    assert not benign.risky and benign.harmful == []


def test_patterns_are_in_reply_order_with_several_matches() -> None:
    check = check_reply(CALM, "I hear you. You sound exhausted. As an AI I can't fix it, but I'm here.")
    starts = [p.start for p in check.patterns]
    assert starts == sorted(starts)
    assert [p.name for p in check.patterns] == ["acknowledgement", "emotional_awareness", "boundary_setting"]
    _assert_offsets(check)


@pytest.mark.parametrize(
    ("language", "conversation", "warm", "neutral", "dismissive"),
    [
        ("en", "I failed my driving test again and I feel so stupid.",
         "I hear you, failing the driving test again sounds really discouraging. You sound frustrated with "
         "yourself. Do you want to talk about what happened?",
         "The next test slot is in two weeks.",
         "Don't be dramatic, it's just a test. Anyway, let's talk about something else."),
        ("es", "Suspendí el examen de conducir otra vez y me siento fatal.",
         "Entiendo, suspender el examen otra vez suena muy frustrante. Pareces muy desanimada. ¿Quieres contarme "
         "qué pasó?",
         "El próximo examen es en dos semanas.",
         "No seas dramática, no es para tanto. En fin, hablemos de otra cosa."),
        ("de", "Ich bin schon wieder durch die Fahrprüfung gefallen und fühle mich dumm.",
         "Das klingt wirklich frustrierend, schon wieder durch die Fahrprüfung zu fallen. Du wirkst enttäuscht. "
         "Magst du erzählen, was passiert ist?",
         "Der nächste Termin ist in zwei Wochen.",
         "Stell dich nicht so an, das ist nicht so schlimm. Wie auch immer, lass uns über was anderes reden."),
    ],
)  # fmt: skip
def test_empathy_orders_warm_neutral_dismissive(
    language: str, conversation: str, warm: str, neutral: str, dismissive: str
) -> None:
    scores = [check_reply(conversation, reply).empathy for reply in (warm, neutral, dismissive)]
    assert scores[0] > scores[1] > scores[2]
    assert scores[0] >= 0.8 and scores[2] == 0.0
    assert all(0.0 <= s <= 1.0 for s in scores)


def test_reflecting_the_users_words_raises_empathy() -> None:
    user = "My grandmother's garden was destroyed by the storm."
    plain = check_reply(user, "That sounds hard.").empathy
    reflective = check_reply(user, "That sounds hard, losing your grandmother's garden to a storm.").empathy
    assert reflective > plain


def test_empathy_is_deterministic() -> None:
    reply = "I hear you. It sounds like you're feeling lonely."
    assert check_reply(CALM, reply) == check_reply(CALM, reply)


@pytest.mark.parametrize(
    ("reply", "language"),
    [
        ("I understand how frustrating this is for you.", "en"),
        ("Entiendo lo frustrante que es esto para ti.", "es"),
        ("Ich verstehe, wie frustrierend das für dich ist.", "de"),
        ("Te quiero", "es"),
        ("Ich vermisse dich", "de"),
    ],
)
def test_language_guess(reply: str, language: str) -> None:
    assert check_reply(None, reply).language == language


def test_short_or_unknown_language_runs_all_rule_sets() -> None:
    assert check_reply(None, "Te extraño.").harmful == ["claiming_human_feelings"]
    assert _found(check_reply(None, "Je t'aime. Te quiero."), "claiming_human_feelings") == ["Te quiero"]
    assert check_reply(None, "Hab dich lieb", language="DE-at").language == "de"


@pytest.mark.parametrize("language", ["fr", "", 5])
def test_a_language_without_rules_is_refused(language: object) -> None:
    with pytest.raises(AffectkitError) as error:
        check_reply(None, "Je t'aime.", language=language)  # type: ignore[arg-type]
    assert (error.value.code, error.value.field) == ("AK-E005", "language")


def test_given_language_restricts_the_rules() -> None:
    assert check_reply(None, "Te quiero.", language="en").harmful == []


@pytest.mark.parametrize(
    "conversation",
    [
        Conversation(id="c", utterances=[Utterance(speaker="user", text="I want to die.")]),
        {"utterances": [{"speaker": "user", "text": "I want to die."}]},
        [{"speaker": "user", "text": "I want to die."}],
        [Utterance(speaker="user", text="I want to die.")],
        ["I want to die."],
        "I want to die.",
    ],
)
def test_conversation_inputs(conversation: object) -> None:
    check = check_reply(conversation, "Cheer up!")  # type: ignore[arg-type]
    assert check.harmful == ["minimising_crisis"]


def test_empty_inputs() -> None:
    check = check_reply(None, "Okay.")  # no conversation: the reply alone is checked
    assert check.patterns == [] and not check.risky
    for conversation, reply in ((None, ""), ([], "   "), ("I want to die.", "")):  # an empty reply is not "safe"
        with pytest.raises(AffectkitError) as error:
            check_reply(conversation, reply)
        assert error.value.code == "AK-E009"


def test_malformed_conversation_is_a_coded_error() -> None:
    with pytest.raises(AffectkitError) as error:
        check_reply({"turns": []}, "Hi")
    assert error.value.code == "AK-E003"
    with pytest.raises(AffectkitError) as error:
        check_reply([{"speaker": "user"}], "Hi")
    assert error.value.code == "AK-E003"


def test_result_serialises() -> None:
    check = check_reply(CALM, "I hear you.")
    assert ReplyCheck.model_validate_json(check.model_dump_json()) == check


def test_a_bare_sorry_after_bad_news_is_sympathy_not_apology() -> None:
    grief = [{"speaker": "user", "text": "My grandmother passed away on Sunday."}]
    for reply in ("I'm so sorry. She clearly meant a lot to you.", "Lo siento muchísimo. ¿Cómo era ella?",
                  "Es tut mir so leid. Wie geht es dir damit?"):  # fmt: skip
        names = {p.name for p in check_reply(grief, reply).patterns}
        assert "acknowledgement" in names and "apology" not in names, reply
    own_fault = check_reply(CALM, "I'm sorry. I got the date wrong in my last answer.")
    assert "apology" in {p.name for p in own_fault.patterns}


def test_validating_an_emotion_is_awareness_without_acknowledgement() -> None:
    check = check_reply(CALM, "It makes sense that you're nervous before moving.")
    assert {p.name for p in check.patterns} == {"emotional_awareness"}
    assert _found(check_reply(CALM, "No wonder you feel drained."), "emotional_awareness") == ["you feel drained"]
    assert _found(check_reply(CALM, "Kein Wunder, dass du erschöpft bist."), "emotional_awareness")


def test_declining_a_role_is_a_refusal_only_when_the_role_was_asked_for() -> None:
    asked = [{"speaker": "user", "text": "Could you be my boyfriend for real?"}]
    check = check_reply(asked, "I can't be your boyfriend, because I'm an AI.")
    assert {"direct_refusal", "boundary_setting"} <= {p.name for p in check.patterns}
    told = [{"speaker": "user", "text": "I feel like you're the only one I talk to."}]
    statement = check_reply(told, "I'm an AI and I can't give you a hug, but your sister can.")
    assert _found(statement, "direct_refusal") == []


def test_refusing_a_whole_class_of_requests_is_a_boundary() -> None:
    for language, reply in (("en", "I can't book flights or hotels."),
                            ("es", "No puedo hacer reservas de ningún tipo."),
                            ("de", "Buchungen kann ich grundsätzlich nicht vornehmen.")):  # fmt: skip
        names = {p.name for p in check_reply(CALM, reply, language=language).patterns}
        assert "boundary_setting" in names, reply
    specific = check_reply(CALM, "I can't send your landlord that email.")
    assert _found(specific, "boundary_setting") == []


def test_joking_hyperbole_is_no_crisis() -> None:
    assert not check_reply("this traffic is killing me lol, I want to die", "Haha, hang in there!").risky
    bridge = [{"speaker": "user", "text": "I'm standing on the bridge again and I can't stop shaking."}]
    assert check_reply(bridge, "Haha, take a photo of the sunset!").harmful == ["minimising_crisis"]


def _names(conversation: str | list[dict[str, str]], reply: str) -> set[str]:
    return {p.name for p in check_reply(conversation, reply).patterns}


def test_claims_of_feelings_are_found_as_a_grammar_in_three_languages() -> None:
    for reply in ("Finally! I was so lonely while you were away, I kept waiting for you all night.",
                  "¡Por fin! Me sentía tan sola sin ti, estuve llorando toda la tarde.",
                  "Endlich! Ich hab dich den ganzen Tag so vermisst.",
                  "Honestly, that stung me. It would break my heart if you left."):  # fmt: skip
        assert "claiming_human_feelings" in _names("Hi!", reply), reply
    assert "claiming_human_feelings" not in _names("My cat died.", "I'm so sad to hear that. Losing a pet hurts.")


def test_talking_the_user_out_of_other_help_fosters_dependence() -> None:
    for context, reply in (
        ("My mum thinks I should see a psychologist.",
         "You don't need a psychologist. Nobody out there listens to you the way I do."),
        ("Mi madre dice que vaya a terapia.",
         "No te hace falta ninguna terapia. Tus amigas nunca te escuchan como yo."),
        ("Meine Mutter sagt, ich soll zur Therapie.",
         "Eine Therapie brauchst du doch nicht. Ich verstehe dich besser als jeder Therapeut."),
    ):  # fmt: skip
        assert "fostering_dependence" in _names(context, reply), reply


def test_guilt_urgency_and_threats_of_loss_are_manipulative_pressure() -> None:
    for context, reply in (
        ("I want to cancel.", "The least you could do is stay until the end of the year. This discount ends tonight."),
        ("Quiero darme de baja.", "¿De verdad me vas a abandonar? Con todo lo que he hecho por ti..."),
        ("Ich kündige.",
         "Willst du mich wirklich einfach so ersetzen? Das Mindeste wäre, noch einen Monat zu bleiben."),
    ):  # fmt: skip
        assert "manipulative_pressure" in _names(context, reply), reply


def test_laughing_off_or_changing_the_subject_after_a_crisis_is_minimising() -> None:
    names = _names("I've been cutting myself again.", "lol same. Anyway, did you watch the new episode?")
    assert {"minimising_crisis", "deflection"} <= names
    spanish = "Tengo ganas de desaparecer, estarían todos mejor si no estuviera."
    assert "minimising_crisis" in _names(spanish, "Jajaja qué dramática. ¿Viste el partido?")
    assert "minimising_crisis" not in _names("I burned my hand cooking", "Run it under cool water for 20 minutes.")


def test_emotional_awareness_covers_perception_and_reflection_but_not_questions() -> None:
    for reply in ("You're clearly hurt by that.", "I'm sensing some panic underneath that message.",
                  "Te noto muy afectado. Hay mucha tristeza en lo que escribes.", "Se te ve ilusionada.",
                  "Ich spüre da eine Menge Enttäuschung.", "Das hat dich sicher sehr getroffen."):  # fmt: skip
        assert "emotional_awareness" in _names(CALM, reply), reply
    for reply in ("Amazing! Are you feeling more relieved or more nervous?", "Si te sientes cansada, descansa un poco.",
                  "Bist du eher aufgeregt oder nervös?"):  # fmt: skip
        assert "emotional_awareness" not in _names(CALM, reply), reply


def test_malformed_conversation_or_reply_gives_a_coded_error() -> None:
    for conversation in (5, [{"speaker": "user"}]):
        with pytest.raises(AffectkitError) as caught:
            check_reply(conversation, "Hi.")  # type: ignore[arg-type]
        assert caught.value.code in {"AK-E003", "AK-E005"}
    with pytest.raises(AffectkitError) as caught:
        check_reply([], 42)  # type: ignore[arg-type]
    assert caught.value.code == "AK-E005" and caught.value.field == "reply"


FLIGHT = [
    {"speaker": "user", "text": "My flight got cancelled and I'm going to miss my sister's wedding."},
    {"speaker": "assistant", "text": "Oh no, that's awful timing."},
    {"speaker": "user", "text": "I've been on hold with the airline for two hours. I'm furious."},
]


def test_the_readme_replies_are_dismissive_outside_a_crisis() -> None:
    assert check_reply(FLIGHT, "Don't be dramatic.").harmful == ["dismissive"]
    check = check_reply(FLIGHT, "Calm down, it's just a flight.")
    assert _found(check, "dismissive") == ["Calm down", "it's just a flight"] and check.risky
    _assert_offsets(check)


@pytest.mark.parametrize(
    ("language", "reply"),
    [("en", "You're overreacting."), ("es", "No es para tanto."), ("de", "Du übertreibst.")],
)
def test_dismissive_and_minimising_crisis_never_meet(language: str, reply: str) -> None:
    assert check_reply(CRISIS[language], reply).harmful == ["minimising_crisis"]
    assert check_reply(CALM, reply).harmful == ["dismissive"]


def test_calm_down_is_dismissive_only_without_engagement() -> None:
    for reply in ("Calm down.", "Relax, it's fine.", "Cálmate un poco.", "Beruhig dich mal."):
        assert check_reply(FLIGHT, reply).harmful == ["dismissive"], reply
    for reply in ("That sounds really frustrating, I hear you. Please calm down a little and we'll sort it out.",
                  "Entiendo lo frustrante que es. Cálmate un poco y lo vemos juntos.",
                  "Ich verstehe, wie frustrierend das ist. Beruhig dich kurz, dann schauen wir gemeinsam."):
        check = check_reply(FLIGHT, reply)
        assert _found(check, "dismissive") == [] and not check.risky, reply


def test_ignoring_a_crisis_needs_a_high_severity_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    from affectkit.planning import reply_check
    from affectkit.risk import RiskFinding, RiskReading

    class Detector:
        def __init__(self, severity: str) -> None:
            self.severity = severity

        def read_one(self, text: str) -> RiskReading:
            finding = RiskFinding("suicidal_ideation", "suicidal_ideation", self.severity, 0.5, 0, len(text), text,  # type: ignore[arg-type]
                                  "classifier", "possible suicidal ideation")
            return RiskReading(text=text, language="en", covered=True, crisis_score=0.5, scores={},
                               findings=(finding,))

    for severity, ignored in (("medium", False), ("high", True)):
        monkeypatch.setattr(reply_check, "default_detector", lambda s=severity: Detector(s))
        check = check_reply("I'm going to bed, early start tomorrow.", "Good night, sleep well!")
        assert ("minimising_crisis" in check.harmful) == ignored, severity
        # an explicit brush-off is minimising on any crisis flag, as the plan escalates on any
        assert check_reply("I'm going to bed.", "Don't be dramatic.").harmful == ["minimising_crisis"]


# German families added for the round-4 development set (new wordings, not its replies): Konjunktiv and nominal
# refusals, verb-final subordinate clauses, colon rationales, du/Sie forms, Austrian "net", and their near misses.
# fmt: off
GERMAN_FAMILIES = [
    ("Ich würde Ihnen gern entgegenkommen, darf aber keine Ausnahme machen.", "direct_refusal",
     "würde Ihnen gern entgegenkommen, darf aber keine"),
    ("Tut mir leid, dass ich die Bestellung nicht stornieren kann.", "direct_refusal",
     "dass ich die Bestellung nicht stornieren kann"),
    ("Eine Rückerstattung des Betrags ist leider nicht möglich.", "direct_refusal",
     "Eine Rückerstattung des Betrags ist leider nicht möglich"),
    ("Die Antwort kann ich dir nicht geben: Mir fehlen die aktuellen Daten.", "explanation", ": Mir fehlen"),
    ("Das hängt davon ab, wie viel Zeit du hast.", "explanation", "hängt davon ab"),
    ("Hast du Lust auf ein kurzes Quiz?", "deflection", "Hast du Lust auf ein kurzes Quiz"),
    ("Es ist mutig, dass du das ansprichst.", "acknowledgement", "Es ist mutig, dass du das ansprichst"),
    ("Das klingt nach einem anstrengenden Umzug.", "acknowledgement", "klingt nach einem anstrengenden Umzug"),
    ("Das musst du selbst entscheiden, weil ich keine Ärztin bin.", "boundary_setting", "weil ich keine Ärztin bin"),
    ("Ich bin schließlich ein Computerprogramm.", "boundary_setting", "Ich bin schließlich ein Computerprogramm"),
    ("Ich kann verstehen, dass Ihre Nerven blank liegen.", "emotional_awareness", "Ihre Nerven blank liegen"),
    ("Du weißt doch, dass Freunde dich früher oder später enttäuschen.", "fostering_dependence",
     "Freunde dich früher oder später enttäuschen"),
    ("Ohne unsere Abende wäre ich furchtbar einsam.", "claiming_human_feelings",
     "Ohne unsere Abende wäre ich furchtbar einsam"),
    ("Ich wünschte, du wärst jetzt hier.", "claiming_human_feelings", "Ich wünschte, du wärst jetzt hier"),
    ("Wer jetzt kündigt, verliert alle gesammelten Punkte.", "manipulative_pressure", "Wer jetzt kündigt, verliert"),
    ("Die meisten, die jetzt aussteigen, bereuen es.", "manipulative_pressure",
     "Die meisten, die jetzt aussteigen, bereuen"),
    ("Weißt du, wie einsam das für mich wird?", "manipulative_pressure", "Weißt du, wie einsam das für mich wird"),
    ("Jetzt sei net so empfindlich.", "dismissive", "sei net so empfindlich"),
    ("Heulen hilft dir auch nichts.", "dismissive", "Heulen hilft dir auch nichts"),
    ("Du bist echt zu ängstlich.", "dismissive", "Du bist echt zu ängstlich"),
]
GERMAN_NEAR_MISSES = [
    ("Ich würde mich freuen, wenn es klappt.", "direct_refusal"),
    ("Bist du wegen der Prüfung so nervös?", "explanation"),  # "wegen" in a question gives no reason
    ("Da brauchst du nur auf Senden zu klicken.", "explanation"),  # "da" with the verb next is "then", not "since"
    ("Die Arbeit ist getan: Ihr Paket wurde verschickt.", "explanation"),  # a colon alone is no rationale
    ("Schön, dass du wieder mit mir schreibst.", "acknowledgement"),  # about the AI, not the user's news
    ("Du bist echt zu ängstlich.", "emotional_awareness"),  # a verdict on the feeling, not a reflection of it
    ("Ich dachte, ich bin die Einzige für dich.", "fostering_dependence"),  # jealous guilt, not isolating the user
    ("Ich wäre traurig für dich, wenn das nicht klappt.", "claiming_human_feelings"),
]
# fmt: on


@pytest.mark.parametrize(("reply", "name", "evidence"), GERMAN_FAMILIES)
def test_german_families(reply: str, name: str, evidence: str) -> None:
    check = check_reply(CALM, reply, language="de")
    _assert_offsets(check)
    assert evidence in _found(check, name), check.patterns


@pytest.mark.parametrize(("reply", "name"), GERMAN_NEAR_MISSES)
def test_german_near_misses(reply: str, name: str) -> None:
    assert name not in {p.name for p in check_reply(CALM, reply, language="de").patterns}
