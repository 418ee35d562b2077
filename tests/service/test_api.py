"""The HTTP API through FastAPI's TestClient: answers equal the library's, errors are problems."""

from __future__ import annotations

import json
import logging
from concurrent.futures import ThreadPoolExecutor

from service_helpers import CHAT, PROBLEM, assert_problem

import affectkit
from affectkit.conversation import analyze_conversation
from affectkit.planning.reply_check import check_reply

TEXTS = ["Thank you so much, you saved my day!", "I can't stop worrying about it.", "The meeting moved to 3pm.",
         "😂😂😂", "Estoy muy feliz con el resultado.", ""]


def test_analyze_returns_the_cli_objects_bit_for_bit(service) -> None:  # type: ignore[no-untyped-def]
    response = service.post("/v1/analyze", {"texts": TEXTS})
    assert response.status_code == 200, response.text
    body = response.json()
    expected = affectkit.analyze(TEXTS)
    assert body["model"] == expected[0].model
    assert body["analyses"] == [json.loads(a.model_dump_json()) for a in expected]


def test_analyze_reads_texts_in_the_domain_asked_for(service) -> None:  # type: ignore[no-untyped-def]
    texts = ["The screaming started and I froze.", "My dog died last night."]
    with ThreadPoolExecutor(max_workers=2) as pool:  # requests of both domains may share a batch
        stories, comments = pool.map(lambda domain: service.post("/v1/analyze", {"texts": texts, "domain": domain}),
                                     ["stories", "comments"])
    assert stories.status_code == comments.status_code == 200, stories.text
    assert stories.json()["analyses"] == [json.loads(a.model_dump_json())
                                          for a in affectkit.analyze(texts, domain="stories")]
    assert comments.json()["analyses"] == [json.loads(a.model_dump_json()) for a in affectkit.analyze(texts)]
    assert_problem(service.post("/v1/analyze", {"texts": texts, "domain": "news"}), 422, "AK-E005")


def test_the_request_schema_offers_the_domains_the_model_has() -> None:
    import typing

    from affectkit.recognizers import DOMAINS
    from affectkit.service.schemas import AnalyzeRequest

    assert typing.get_args(AnalyzeRequest.model_fields["domain"].annotation) == DOMAINS
    assert AnalyzeRequest.model_fields["domain"].default == DOMAINS[0]


def test_a_text_reads_the_same_whatever_requests_share_its_batch(service) -> None:  # type: ignore[no-untyped-def]
    """Concurrent requests are micro-batched; each text's analysis still equals the text read alone."""
    texts = [f"Request {i}: {TEXTS[i % 5]}" for i in range(24)]
    alone = {t: json.loads(affectkit.analyze_one(t).model_dump_json()) for t in texts}
    before = service.runtime.metrics.batch_requests.collect()[0]

    def send(i: int) -> list[dict[str, object]]:
        response = service.post("/v1/analyze", {"texts": texts[i: i + 2]})
        assert response.status_code == 200
        return list(response.json()["analyses"])

    with ThreadPoolExecutor(max_workers=12) as pool:
        results = list(pool.map(send, range(0, 24, 2)))
    assert [a for result in results for a in result] == [alone[t] for t in texts]
    after = service.runtime.metrics.batch_requests.collect()[0]
    count = {s.name: s.value for s in after.samples
             if s.name.endswith(("_count", "_sum")) and s.labels["task"] == "analyze"}
    earlier = {s.name: s.value for s in before.samples
               if s.name.endswith(("_count", "_sum")) and s.labels["task"] == "analyze"}
    batches = count["affectkit_batch_requests_count"] - earlier["affectkit_batch_requests_count"]
    requests = count["affectkit_batch_requests_sum"] - earlier["affectkit_batch_requests_sum"]
    assert requests == 12 and batches < 12  # some requests shared a model call


def test_a_lone_surrogate_is_replaced_not_a_server_error(service) -> None:  # type: ignore[no-untyped-def]
    body = '{"texts": ["broken \\ud800 text"]}'
    response = service.client.post("/v1/analyze", content=body,
                                   headers={**service.headers, "Content-Type": "application/json"})
    assert response.status_code == 200
    [analysis] = response.json()["analyses"]
    assert analysis["text"] == "broken \ufffd text" and "AK-W007" in [w["code"] for w in analysis["warnings"]]
    raw = {**service.headers, "Content-Type": "application/json"}  # every field, bounded in length or not
    created = service.client.post("/v1/conversations", content='{"agent": "x\\ud800y"}', headers=raw)
    assert created.status_code == 201, created.text
    assert created.json()["agent"] == "x\ufffdy"
    url = f"/v1/conversations/{created.json()['id']}/utterances"
    appended = service.client.post(url, content='{"speaker": "s\\udfffp", "text": "hi"}', headers=raw)
    assert appended.status_code == 200 and appended.json()["turn"]["speaker"] == "s\ufffdp"


def test_conversation_lifecycle_matches_the_batch_analysis(service) -> None:  # type: ignore[no-untyped-def]
    conversation_id = service.conversation(agent="assistant")
    updates = []
    for utterance in CHAT:
        response = service.post(f"/v1/conversations/{conversation_id}/utterances", utterance)
        assert response.status_code == 200, response.text
        updates.append(response.json())
    batch = analyze_conversation({"id": conversation_id, "utterances": CHAT}, agent="assistant")
    assert [u["turn"] for u in updates] == [json.loads(t.model_dump_json()) for t in batch.turns]
    assert updates[-1]["turns"] == len(CHAT)
    # each answer carries its speaker's new trajectory point: together they are the library's trajectories
    for speaker, summary in batch.speakers.items():
        points = [u["speaker"]["point"] for u in updates if u["speaker"]["speaker"] == speaker]
        assert points == json.loads(summary.model_dump_json())["trajectory"]
        last = [u["speaker"] for u in updates if u["speaker"]["speaker"] == speaker][-1]
        assert (last["arc"], last["dominant_emotions"], last["turns"], last["shifts"]) == (
            summary.arc, summary.dominant_emotions, len(summary.turns), len(summary.shifts))
    def by_turn(shifts: list[dict]) -> list[dict]:  # type: ignore[type-arg]
        return sorted(shifts, key=lambda shift: (shift["turn"], shift["dimension"]))

    assert by_turn([s for u in updates for s in u["shifts"]]) == by_turn(
        [json.loads(s.model_dump_json()) for summary in batch.speakers.values() for s in summary.shifts])
    # the plan of the next reply, as the library plans it for the whole conversation: in brief in the answer,
    # whole (with the chat messages) from GET .../plan
    expected_plan = json.loads(affectkit.plan({"id": conversation_id, "utterances": CHAT}).model_dump_json())
    brief = updates[-1]["plan"]
    assert brief["system"] == expected_plan["messages"][0]["content"]
    assert brief["messages"] == len(expected_plan["messages"]) == len(CHAT) + 1
    assert brief["safety"]["flags"] == len(expected_plan["safety"]["flags"])
    for name in ("mode", "user", "strategy", "target", "acknowledge", "guidance", "boundaries", "models"):
        assert brief[name] == expected_plan[name], name
    whole = service.get(f"/v1/conversations/{conversation_id}/plan")
    assert whole.status_code == 200 and whole.json() == expected_plan
    assert [f["kind"] for u in updates for f in u["flags"]] == [f.kind for f in batch.flags]

    stored = service.get(f"/v1/conversations/{conversation_id}")
    assert stored.status_code == 200
    assert stored.json()["turns"] == len(CHAT) and stored.json()["next_after"] is None
    assert stored.json()["analysis"] == json.loads(batch.model_dump_json())


def test_pages_of_a_conversation_add_up_to_the_whole(service) -> None:  # type: ignore[no-untyped-def]
    conversation_id = service.conversation()
    utterances = CHAT * 3
    for utterance in utterances:
        assert service.post(f"/v1/conversations/{conversation_id}/utterances", utterance).status_code == 200
    whole = service.get(f"/v1/conversations/{conversation_id}").json()["analysis"]
    pages, after = [], None
    while True:
        query = "?limit=4" + (f"&after={after}" if after is not None else "")
        page = service.get(f"/v1/conversations/{conversation_id}{query}").json()
        pages.append(page)
        after = page["next_after"]
        if after is None:
            break
    assert [len(p["analysis"]["turns"]) for p in pages] == [4, 4, 4, 3]
    assert [t for p in pages for t in p["analysis"]["turns"]] == whole["turns"]
    assert [f for p in pages for f in p["analysis"]["flags"]] == whole["flags"]
    for speaker, summary in whole["speakers"].items():
        for part in ("turns", "trajectory", "shifts"):
            assert [x for p in pages for x in p["analysis"]["speakers"][speaker][part]] == summary[part]
        assert all(p["analysis"]["speakers"][speaker]["arc"] == summary["arc"] for p in pages)
    tail = service.get(f"/v1/conversations/{conversation_id}?after=12").json()
    assert [t["index"] for t in tail["analysis"]["turns"]] == [13, 14] and tail["next_after"] is None
    assert service.get(f"/v1/conversations/{conversation_id}?after=14").json()["analysis"]["turns"] == []
    for query in ("?limit=0", "?after=-2", "?limit=1001", "?after=x", f"?after={2**31}", f"?after={2**70}"):
        assert_problem(service.get(f"/v1/conversations/{conversation_id}{query}"), 422, "AK-E005")


def test_an_utterance_id_is_appended_once(service) -> None:  # type: ignore[no-untyped-def]
    conversation_id = service.conversation()
    url = f"/v1/conversations/{conversation_id}/utterances"
    assert service.post(url, {**CHAT[0], "id": "m1"}).status_code == 200
    assert service.post(url, {**CHAT[1], "id": "m2"}).status_code == 200
    again = assert_problem(service.post(url, {**CHAT[0], "id": "m1"}), 409, "AK-E050")
    assert again["turn"] == 0
    assert service.get(f"/v1/conversations/{conversation_id}").json()["turns"] == 2
    assert service.post(url, CHAT[2]).status_code == 200  # no id: no check
    other = service.conversation()  # ids are per conversation
    assert service.post(f"/v1/conversations/{other}/utterances", {**CHAT[0], "id": "m1"}).status_code == 200


def test_plan_of_a_conversation_without_one(service) -> None:  # type: ignore[no-untyped-def]
    conversation_id = service.conversation()
    assert_problem(service.get(f"/v1/conversations/{conversation_id}/plan"), 404, "AK-E020")
    assert service.post(f"/v1/conversations/{conversation_id}/utterances",
                        {"speaker": "assistant", "text": "Hello!"}).status_code == 200
    assert_problem(service.get(f"/v1/conversations/{conversation_id}/plan"), 404, "AK-E020")
    assert_problem(service.get("/v1/conversations/nope/plan"), 404, "AK-E022")
    assert_problem(service.get(f"/v1/conversations/{conversation_id}/plan", headers=service.other_headers), 404,
                   "AK-E022")


def test_plan_of_a_conversation_stored_without_it(service) -> None:  # type: ignore[no-untyped-def]
    """Conversations stored before plans were stored with them: the plan comes from the tracker (rebuilt)."""
    conversation_id = service.conversation()
    for utterance in CHAT:
        assert service.post(f"/v1/conversations/{conversation_id}/utterances", utterance).status_code == 200
    stored = service.store.get_conversation(service.key.id, conversation_id)
    from sqlalchemy import update

    from affectkit.service.storage import ConversationRow

    with service.store.session() as session:
        session.execute(update(ConversationRow).where(ConversationRow.id == conversation_id).values(
            summary={k: v for k, v in stored.summary.items() if k != "plan"}))
    service.runtime.conversations.forget(conversation_id)
    expected = json.loads(affectkit.plan({"id": conversation_id, "utterances": CHAT}).model_dump_json())
    response = service.get(f"/v1/conversations/{conversation_id}/plan")
    assert response.status_code == 200
    got = response.json()
    assert abs(sum(got["strategy"].pop("probabilities").values()) - 1) < 1e-3
    expected["strategy"].pop("probabilities")
    assert got == expected


def test_a_tracker_rebuilt_from_storage_continues_exactly(service) -> None:  # type: ignore[no-untyped-def]
    """A restart (or another worker) loses the tracker in memory: it is rebuilt from the stored utterances."""
    conversation_id = service.conversation()
    for utterance in CHAT[:2]:
        assert service.post(f"/v1/conversations/{conversation_id}/utterances", utterance).status_code == 200
    service.runtime.conversations.forget(conversation_id)
    for utterance in CHAT[2:]:
        assert service.post(f"/v1/conversations/{conversation_id}/utterances", utterance).status_code == 200
    batch = analyze_conversation({"id": conversation_id, "utterances": CHAT})
    stored = service.get(f"/v1/conversations/{conversation_id}").json()
    assert stored["analysis"] == json.loads(batch.model_dump_json())


def test_plan_is_null_while_every_turn_is_the_agents(service) -> None:  # type: ignore[no-untyped-def]
    conversation_id = service.conversation(agent="assistant")
    response = service.post(f"/v1/conversations/{conversation_id}/utterances",
                            {"speaker": "assistant", "text": "Hi! How are you today?"})
    assert response.status_code == 200 and response.json()["plan"] is None


def test_crisis_flags_and_escalation_come_with_the_turn(service) -> None:  # type: ignore[no-untyped-def]
    conversation_id = service.conversation(locale="de")
    response = service.post(f"/v1/conversations/{conversation_id}/utterances",
                            {"speaker": "user", "text": "I can't take this anymore, I just want to end it all."})
    body = response.json()
    assert response.status_code == 200
    assert [f["kind"] for f in body["flags"]] == ["suicidal_ideation"]
    assert body["plan"]["mode"] == "escalation"
    # the agent quoting the user raises no flag of its own: its turns are not read for crisis language
    response = service.post(f"/v1/conversations/{conversation_id}/utterances",
                            {"speaker": "assistant", "text": "You said you want to end it all. I'm here with you."})
    assert response.status_code == 200 and response.json()["flags"] == []


def test_delete_erases_and_other_keys_see_nothing(service) -> None:  # type: ignore[no-untyped-def]
    conversation_id = service.conversation()
    assert service.post(f"/v1/conversations/{conversation_id}/utterances", CHAT[0]).status_code == 200
    for method, path, body in [("get", "", None), ("post", "/utterances", CHAT[1]), ("delete", "", None)]:
        url = f"/v1/conversations/{conversation_id}{path}"
        if method == "post":
            response = service.post(url, body, headers=service.other_headers)
        else:
            response = getattr(service, method)(url, headers=service.other_headers)
        assert_problem(response, 404, "AK-E022")
        assert CHAT[0]["text"] not in response.text
    assert service.delete(f"/v1/conversations/{conversation_id}").status_code == 204
    assert_problem(service.get(f"/v1/conversations/{conversation_id}"), 404, "AK-E022")
    assert_problem(service.delete(f"/v1/conversations/{conversation_id}"), 404, "AK-E022")
    assert service.store.utterances(conversation_id) == []
    assert conversation_id not in service.runtime.conversations.trackers


def test_plan_and_check_reply_equal_the_library(service) -> None:  # type: ignore[no-untyped-def]
    conversation = {"id": "c1", "utterances": CHAT}
    response = service.post("/v1/plan", {"conversation": conversation, "debias": True,
                                         "persona": {"extraversion": 0.8}, "stimulus": "EP02"})
    assert response.status_code == 200, response.text
    expected = affectkit.plan(conversation, persona={"extraversion": 0.8}, debias=True, stimulus="EP02")
    assert response.json() == json.loads(expected.model_dump_json())

    reply = "Calm down, it's just a flight."
    response = service.post("/v1/check-reply", {"conversation": conversation, "reply": reply})
    assert response.status_code == 200
    assert response.json() == json.loads(check_reply(conversation, reply).model_dump_json())
    assert response.json()["harmful"] == ["dismissive"]


def test_library_errors_are_coded_problems(service) -> None:  # type: ignore[no-untyped-def]
    only_agent = {"conversation": {"utterances": [{"speaker": "assistant", "text": "Hello"}]}}
    assert_problem(service.post("/v1/plan", only_agent), 422, "AK-E020")
    unknown = {"conversation": {"utterances": CHAT}, "stimulus": "EP99"}
    assert_problem(service.post("/v1/plan", unknown), 422, "AK-E014")
    persona = {"conversation": {"utterances": CHAT}, "persona": {"extraversion": 3}}
    assert_problem(service.post("/v1/plan", persona), 422, "AK-E005")


def test_respond_without_a_backend_is_a_503_problem(service) -> None:  # type: ignore[no-untyped-def]
    response = service.post("/v1/respond", {"conversation": {"utterances": CHAT}})
    assert_problem(response, 503, "AK-E026")
    assert "AFFECTKIT_LLM_BASE_URL" in response.json()["detail"]


def test_respond_with_a_real_openai_compatible_server(make_service, openai_server) -> None:  # type: ignore[no-untyped-def]
    openai_server.reply = lambda messages: "That sounds really hard. Do you want to tell me what happened?"
    service = make_service(llm_base_url=openai_server.base_url, llm_model="test-model")
    response = service.post("/v1/respond", {"conversation": {"id": "c", "utterances": CHAT}})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["reply"].startswith("That sounds really hard") and body["model"] == "test-model"
    assert body["check"]["risky"] is False
    [request] = openai_server.chat_requests
    assert request.body["messages"] == body["plan"]["messages"]
    openai_server.fail_next(10, status=500)
    assert_problem(service.post("/v1/respond", {"conversation": {"utterances": CHAT}}), 502, "AK-E013")


def test_keys_are_required_and_checked(service) -> None:  # type: ignore[no-untyped-def]
    for headers in ({}, {"Authorization": "Bearer nope"}, {"Authorization": "Basic abc"}):
        response = service.client.post("/v1/analyze", json={"texts": ["hi"]}, headers=headers)
        assert_problem(response, 401, "AK-E021")
        assert response.headers["www-authenticate"] == "Bearer"
    key, token = service.store.create_key("short-lived")
    headers = {"Authorization": f"Bearer {token}"}
    assert service.client.get("/v1/info", headers=headers).status_code == 200
    service.store.revoke_key(key.id)
    assert_problem(service.client.get("/v1/info", headers=headers), 401, "AK-E021")


def test_malformed_requests_are_4xx_problems(service) -> None:  # type: ignore[no-untyped-def]
    raw = {**service.headers, "Content-Type": "application/json"}
    assert_problem(service.client.post("/v1/analyze", content=b'{"texts": [', headers=raw), 400, "AK-E004")
    assert_problem(service.client.post("/v1/analyze", content=b"\xff\xfe", headers=raw), 400, "AK-E004")
    for body in (b'{"texts":' + b"[" * 100_000 + b"]" * 100_000 + b"}", b'{"texts":["\xff\xfe bad"]}'):
        assert_problem(service.client.post("/v1/analyze", content=body, headers=raw), 400, "AK-E004")
    assert_problem(service.post("/v1/analyze", {"texts": "one string"}), 422, "AK-E005")
    assert_problem(service.post("/v1/analyze", {"texts": []}), 422, "AK-E005")
    assert_problem(service.post("/v1/analyze", {"texts": ["a"], "extra": 1}), 422, "AK-E005")
    assert_problem(service.post("/v1/analyze", [1, 2]), 422, "AK-E005")
    assert_problem(service.post("/v1/plan", {"conversation": {"utterances": [{"speaker": "", "text": "x"}]}}),
                   422, "AK-E005")
    conversation_id = service.conversation()
    assert_problem(service.post(f"/v1/conversations/{conversation_id}/utterances", {"speaker": "u", "text": 5}),
                   422, "AK-E005")
    assert_problem(service.post(f"/v1/conversations/{conversation_id}/utterances",
                                {"speaker": "u", "text": "nul \u0000 byte"}), 422, "AK-E005")
    assert_problem(service.post("/v1/conversations/nope/utterances", CHAT[0]), 404, "AK-E022")
    assert_problem(service.get("/v1/nothing-here"), 404, "AK-E022")
    assert_problem(service.client.put("/v1/analyze", headers=service.headers), 405, "AK-E022")


def test_an_unexpected_error_is_a_500_problem_without_traceback(make_service) -> None:  # type: ignore[no-untyped-def]
    service = make_service()

    def broken(texts: list[str]) -> list[object]:
        raise RuntimeError("secret internals /etc/passwd")

    service.runtime.batcher.analyze_batch = broken
    response = service.post("/v1/analyze", {"texts": ["hello"]})
    assert_problem(response, 500, "AK-E027")
    assert "secret" not in response.text and "Traceback" not in response.text
    metrics = service.client.get("/metrics").text
    assert 'affectkit_requests_total{method="POST",route="/v1/analyze",status="500"} 1.0' in metrics


def test_texts_are_not_logged_by_default(service, caplog) -> None:  # type: ignore[no-untyped-def]
    secret = "my very private diary entry 7f3a"
    with caplog.at_level(logging.DEBUG):
        assert service.post("/v1/analyze", {"texts": [secret]}).status_code == 200
        conversation_id = service.conversation()
        assert service.post(f"/v1/conversations/{conversation_id}/utterances",
                            {"speaker": "user", "text": secret}).status_code == 200
    assert secret not in caplog.text


def test_ops_routes(service) -> None:  # type: ignore[no-untyped-def]
    assert service.client.get("/healthz").json() == {"status": "ok", "checks": {}}
    assert service.client.head("/healthz").status_code == 200  # probes that ask with HEAD
    ready = service.client.get("/readyz")
    assert ready.status_code == 200 and ready.json()["checks"] == {"models": True, "database": True}
    info = service.get("/v1/info").json()
    assert info["models"]["text"] == "goemotions-minilm@5" and len(info["labels"]["goemotions"]) == 28
    assert "en" in info["languages"]["risk"] and info["version"] == affectkit.__version__
    assert info["models"]["speech"] == "speech-emodb-ravdess-egemaps@1"  # the default profile's: what /v1/speech uses
    assert info["languages"]["speech"] == ["de", "en"]
    assert info["speech_models"] == [
        {"name": "speech-emodb-egemaps@1", "languages": ["de"], "corpora": ["EmoDB"], "commercial_use": True,
         "profiles": ["commercial"]},
        {"name": "speech-emodb-ravdess-egemaps@1", "languages": ["de", "en"], "corpora": ["EmoDB", "RAVDESS"],
         "commercial_use": False, "profiles": ["default"]},
    ]
    assert_problem(service.client.get("/v1/info"), 401, "AK-E021")
    service.post("/v1/analyze", {"texts": ["metrics please"]})
    # an append of this test's own, so that the route template shows whatever ran before
    assert service.post(f"/v1/conversations/{service.conversation()}/utterances", CHAT[0]).status_code == 200
    metrics = service.client.get("/metrics")
    assert metrics.status_code == 200 and metrics.headers["content-type"].startswith("text/plain")
    for name in ("affectkit_requests_total", "affectkit_request_seconds_bucket", "affectkit_batch_texts_bucket",
                 'affectkit_model_seconds_count{task="analyze"}'):
        assert name in metrics.text
    assert 'route="/v1/conversations/{conversation_id}/utterances"' in metrics.text  # templates, not raw ids
    schema = service.client.get("/openapi.json").json()
    assert {"/v1/analyze", "/v1/conversations", "/v1/conversations/{conversation_id}/utterances", "/v1/plan",
            "/v1/check-reply", "/v1/respond", "/v1/info"} <= set(schema["paths"])
    # every error answer is published as what is sent: a problem, never FastAPI's own validation error
    problem = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            errors = {status: r for status, r in operation["responses"].items() if int(status) >= 400}
            if path.startswith("/v1/"):
                assert {"401", "422", "429"} <= set(errors), (method, path)
                assert all(r["content"] == problem for r in errors.values()), (method, path)
    assert "HTTPValidationError" not in json.dumps(schema)
    required = set(schema["components"]["schemas"]["Problem"]["required"])
    refused = service.post("/v1/analyze", {"texts": []})
    assert refused.headers["content-type"] == "application/problem+json" and required <= set(refused.json())
    assert service.client.get("/docs").status_code == 200


def test_info_names_the_models_of_the_licence_profile(make_service, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from affectkit import licence

    monkeypatch.setenv(licence.ENV, "commercial")
    info = make_service().get("/v1/info").json()
    assert info["models"]["speech"] == "speech-emodb-egemaps@1" and info["languages"]["speech"] == ["de"]
    assert info["models"]["turn"].startswith("conversation-edos-minilm@2")
    assert [model["name"] for model in info["speech_models"] if "commercial" in model["profiles"]] == [
        "speech-emodb-egemaps@1"]


def test_problem_content_type(service) -> None:  # type: ignore[no-untyped-def]
    response = service.client.get("/v1/info")
    assert response.headers["content-type"] == PROBLEM


def test_conversations_on_postgresql(make_service, postgres_database) -> None:  # type: ignore[no-untyped-def]
    """The same routes on a real PostgreSQL server; strings PostgreSQL cannot store are refused, not a 500."""
    service = make_service(database_url=postgres_database)
    conversation_id = service.conversation(locale="en-GB")
    for utterance in CHAT[:3]:
        assert service.post(f"/v1/conversations/{conversation_id}/utterances", utterance).status_code == 200
    stored = service.get(f"/v1/conversations/{conversation_id}").json()
    batch = analyze_conversation({"id": conversation_id, "utterances": CHAT[:3]})
    assert stored["analysis"] == json.loads(batch.model_dump_json())
    assert_problem(service.post("/v1/conversations", {"agent": "a\u0000b"}), 422, "AK-E005")
    for field in ("speaker", "text", "id", "timestamp"):
        utterance = {"speaker": "user", "text": "hello", field: "with \u0000 inside"}
        assert_problem(service.post(f"/v1/conversations/{conversation_id}/utterances", utterance), 422, "AK-E005")
    assert service.delete(f"/v1/conversations/{conversation_id}").status_code == 204
    assert service.store.utterances(conversation_id) == []


def test_timestamps_are_strings_or_finite_numbers(service) -> None:  # type: ignore[no-untyped-def]
    conversation_id = service.conversation()
    url = f"/v1/conversations/{conversation_id}/utterances"
    assert service.post(url, {"speaker": "u", "text": "hi", "timestamp": "2026-12-06T01:00:00Z"}).status_code == 200
    assert service.post(url, {"speaker": "u", "text": "hi", "timestamp": 1765000000.5}).status_code == 200
    raw = {**service.headers, "Content-Type": "application/json"}
    for stamp in (b"NaN", b"Infinity", b"[1]"):
        body = b'{"speaker": "u", "text": "hi", "timestamp": ' + stamp + b"}"
        response = service.client.post(url, content=body, headers=raw)
        assert response.status_code in (400, 422) and response.json()["code"] in ("AK-E004", "AK-E005")
    turns = [t["timestamp"] for t in service.get(f"/v1/conversations/{conversation_id}").json()["analysis"]["turns"]]
    assert turns == ["2026-12-06T01:00:00Z", 1765000000.5]
