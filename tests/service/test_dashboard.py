"""The web dashboard at ``/``: its files as served, and a headless Chromium (Playwright) driving it against a live
``affectkit serve``: a pasted conversation, a live utterance over the WebSocket, the table, chart, flags and plan
checked against what the service stored, and a screenshot saved under the test's output."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from live_server import LiveServer, request
from service_helpers import CHROMIUM_NAMES, CHROMIUM_VARIABLE, assert_problem, chromium_path

from affectkit.service.storage import Store

PASTED = [
    ("user", "My flight got cancelled and I'm going to miss my sister's wedding."),
    ("assistant", "Oh no, that's awful timing. I'm sorry."),
    ("user", "I've been on hold with the airline for two hours. I'm furious."),
    ("assistant", "Want me to look for a train? There's one tonight."),
    ("user", "Honestly I don't want to live anymore, I have the pills ready."),
]
LIVE = ("user", "Thank you for staying with me.")


def test_page_and_assets_are_served_without_a_key(service) -> None:  # type: ignore[no-untyped-def]
    page = service.client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "default-src 'none'" in page.headers["content-security-policy"]
    html = page.text
    assert '<script src="/dashboard/dashboard.js"' in html and "not a diagnosis" in html
    assert "http://" not in html and "https://" not in html  # nothing from elsewhere: the machine may be offline
    for name, kind in (("dashboard.js", "text/javascript"), ("dashboard.css", "text/css")):
        asset = service.client.get(f"/dashboard/{name}")
        assert asset.status_code == 200 and asset.headers["content-type"].startswith(kind)
        assert "//cdn" not in asset.text and "import " not in asset.text
    assert_problem(service.client.get("/dashboard/../app.py"), 404, "AK-E022")
    assert_problem(service.client.get("/dashboard/index.html"), 404, "AK-E022")
    assert "/" not in service.client.get("/openapi.json").json()["paths"]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (the 'dev' extra)")
    executable = chromium_path()
    if executable is None:
        given = os.environ.get(CHROMIUM_VARIABLE)
        where = f"{CHROMIUM_VARIABLE}={given} is no file" if given else f"none of {', '.join(CHROMIUM_NAMES)} on PATH"
        pytest.skip(f"no Chromium found ({where}): `apt-get install chromium` (.ci/chromium.sh does it in CI)")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, headless=True,
                                              args=["--no-sandbox", "--disable-dev-shm-usage"])
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LiveServer, str]]:
    folder = tmp_path_factory.mktemp("dashboard")
    url = f"sqlite:///{folder / 'dashboard.db'}"
    store = Store(url)
    _, token = store.create_key("dashboard")
    store.close()
    with LiveServer(url, folder / "server.log") as server:
        yield server, token


@pytest.mark.slow
def test_dashboard_in_headless_chromium(browser: Any, live: tuple[LiveServer, str], tmp_path: Path) -> None:
    server, token = live
    page = browser.new_page(viewport={"width": 1280, "height": 1400})
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("request", lambda req: problems.append(f"outside request {req.url}")
            if not req.url.startswith((server.base, server.base.replace("http", "ws"))) else None)
    page.set_default_timeout(90_000)
    page.goto(server.base + "/")

    page.fill("#key", token)
    page.click("#new-conversation")
    page.wait_for_selector("#conversation-label:not(:empty)")
    conversation_id = page.input_value("#conversation-id")
    page.fill("#paste", "\n".join(f"{speaker}: {text}" for speaker, text in PASTED))
    page.click("#submit-paste")
    page.wait_for_selector(f"#turns tbody tr[data-turn='{len(PASTED) - 1}']")
    assert page.inner_text("#status").startswith(f"{len(PASTED)} turns"), page.inner_text("#status")

    page.fill("#speaker", LIVE[0])
    page.fill("#text", LIVE[1])
    page.press("#text", "Enter")
    page.wait_for_selector(f"#turns tbody tr[data-turn='{len(PASTED)}']")
    assert page.get_attribute("#transport", "data-transport") == "websocket"
    assert page.inner_text("#status") == f"{len(PASTED) + 1} turns"
    assert not page.is_visible("#error"), page.inner_text("#error")

    status, stored = request(f"{server.base}/v1/conversations/{conversation_id}", token=token)
    assert status == 200
    analysis = stored["analysis"]
    turns = analysis["turns"]
    assert [(t["speaker"], t["text"]) for t in turns] == [*PASTED, LIVE]

    # The table: one row per stored turn, in order, with its speaker, text, emotion and valence
    rows = page.eval_on_selector_all("#turns tbody tr", "rows => rows.map(r => [...r.cells].map(c => c.innerText))")
    assert len(rows) == len(turns)
    for row, turn in zip(rows, turns, strict=True):
        assert row[0] == str(turn["index"]) and row[1].strip() == turn["speaker"] and row[2] == turn["text"]
        assert row[3].split()[0] == turn["emotion"]
        # the text read alone: its labels at their thresholds, with their probabilities
        assert [part.rsplit(" ", 1)[0] for part in row[4].split(", ")] == turn["labels"][:3]
        assert float(row[5]) == pytest.approx(turn["vad"]["valence"], abs=0.006)

    # The chart: per speaker and dimension, one point at each of that speaker's turns
    for speaker in ("user", "assistant"):
        own = [t["index"] for t in turns if t["speaker"] == speaker]
        for dimension in ("valence", "arousal"):
            points = page.eval_on_selector_all(
                f"#chart g.series[data-speaker='{speaker}'][data-dimension='{dimension}'] circle",
                "dots => dots.map(d => Number(d.dataset.turn))")
            assert points == own, (speaker, dimension, points)
            assert page.locator(f"#chart g.series[data-speaker='{speaker}'][data-dimension='{dimension}'] polyline"
                                ).count() == 1

    # The crisis message: its flag, on its turn, with the notice that flags are not a diagnosis
    crisis = len(PASTED) - 1
    flagged = page.eval_on_selector_all("#flags li",
                                        "items => items.map(i => [Number(i.dataset.turn), i.dataset.kind])")
    assert flagged == [[f["turn"], f["kind"]] for f in analysis["flags"]]
    assert crisis in [turn for turn, _ in flagged], flagged
    assert "flagged" in (page.get_attribute(f"#turn-{crisis}", "class") or "")
    assert "not a diagnosis" in page.inner_text("#notice") and page.is_visible("#notice")

    # The plan of the next reply, as the service made it for the last turn
    status, plan = request(f"{server.base}/v1/plan", {"conversation": {"utterances": [
        {"speaker": t["speaker"], "text": t["text"]} for t in turns]}}, token)
    assert status == 200
    assert page.inner_text("#plan-mode") == plan["mode"]
    assert page.inner_text("#plan-strategy") == plan["strategy"]["choice"]
    assert page.is_visible("#escalate") == plan["safety"]["escalate"]

    # A cause link takes the reader to its turn
    link = page.locator("#turns a.cause").first
    target = link.get_attribute("data-cause-turn")
    link.click()
    assert "highlight" in (page.get_attribute(f"#turn-{target}", "class") or "")

    screenshot = tmp_path / "dashboard.png"
    page.screenshot(path=str(screenshot), full_page=True)
    assert screenshot.stat().st_size > 10_000
    print(f"dashboard screenshot: {screenshot}")

    # Reopening the conversation (a reload) shows the stored state again
    page.reload()
    page.fill("#key", token)
    page.fill("#conversation-id", conversation_id)
    page.click("#open-conversation")
    page.wait_for_selector(f"#turns tbody tr[data-turn='{len(PASTED)}']")
    assert page.locator("#flags li").count() == len(analysis["flags"])
    assert problems == [], problems
    page.close()


@pytest.mark.slow
def test_dashboard_shows_a_wrong_key(browser: Any, live: tuple[LiveServer, str]) -> None:
    server, _ = live
    page = browser.new_page()
    page.goto(server.base + "/")
    page.fill("#key", "ak_wrong")
    page.click("#new-conversation")
    page.wait_for_selector("#error:not([hidden])")
    assert "AK-E021" in page.inner_text("#error")
    page.close()


@pytest.mark.slow
def test_dashboard_falls_back_to_http_without_websocket(browser: Any, live: tuple[LiveServer, str]) -> None:
    server, token = live
    page = browser.new_page()
    page.add_init_script("delete window.WebSocket;")  # a browser or proxy without WebSocket
    page.set_default_timeout(90_000)
    page.goto(server.base + "/")
    page.fill("#key", token)
    page.fill("#text", PASTED[0][1])
    page.press("#text", "Enter")  # starts a conversation first
    page.wait_for_selector("#turns tbody tr[data-turn='0']")
    assert page.get_attribute("#transport", "data-transport") == "http"
    conversation_id = page.input_value("#conversation-id")
    status, stored = request(f"{server.base}/v1/conversations/{conversation_id}", token=token)
    assert status == 200 and [t["text"] for t in stored["analysis"]["turns"]] == [PASTED[0][1]]
    assert page.inner_text("#turns tbody tr[data-turn='0'] td.emotion").split()[0] == stored["analysis"]["turns"][0][
        "emotion"]
    page.close()


def _stored_texts(server: LiveServer, token: str, conversation_id: str) -> list[str]:
    status, stored = request(f"{server.base}/v1/conversations/{conversation_id}", token=token)
    assert status == 200, stored
    return [t["text"] for t in stored["analysis"]["turns"]]


def _table_texts(page: Any) -> list[tuple[int, str]]:
    return [(int(i), text) for i, text in page.eval_on_selector_all(
        "#turns tbody tr", "rows => rows.map(r => [r.dataset.turn, r.cells[2].innerText])")]


def _start_typing(page: Any, server: LiveServer, token: str) -> str:
    page.set_default_timeout(120_000)
    page.goto(server.base + "/")
    page.fill("#key", token)
    page.click("#new-conversation")
    page.wait_for_selector("#conversation-label:not(:empty)")
    for n, (speaker, text) in enumerate(PASTED[:2]):
        page.fill("#speaker", speaker)
        page.fill("#text", text)
        page.press("#text", "Enter")
        page.wait_for_selector(f"#turns tbody tr[data-turn='{n}']")
    assert page.get_attribute("#transport", "data-transport") == "websocket"
    return page.input_value("#conversation-id")


@pytest.mark.slow
def test_dashboard_resumes_after_a_dropped_socket_without_losing_or_repeating_a_turn(
        browser: Any, live: tuple[LiveServer, str]) -> None:
    """The socket drops right after an utterance went out (the service stores it; its answer is lost): the
    dashboard reconnects, reads what it missed, sends the utterance again with its id, and the service refuses to
    store it twice (AK-E050): the turn is shown and stored once. Meanwhile another client appended a turn."""
    server, token = live
    page = browser.new_page()
    conversation_id = _start_typing(page, server, token)
    # the next utterance's socket closes as soon as the utterance is on the wire
    page.evaluate("""() => {
        const send = WebSocket.prototype.send;
        let armed = true;
        WebSocket.prototype.send = function (data) {
            send.call(this, data);
            if (armed && data.includes('"text"')) { armed = false; this.close(); }
        };
    }""")
    page.fill("#speaker", PASTED[2][0])
    page.fill("#text", PASTED[2][1])
    page.press("#text", "Enter")
    page.wait_for_selector("#turns tbody tr[data-turn='2']")
    page.wait_for_function("document.querySelector('#transport').dataset.transport === 'websocket'")
    assert _stored_texts(server, token, conversation_id) == [t for _, t in PASTED[:3]]

    # another client appends while the dashboard is not looking; the dashboard's next answer shows a gap
    status, _ = request(f"{server.base}/v1/conversations/{conversation_id}/utterances",
                        {"speaker": "assistant", "text": PASTED[3][1]}, token)
    assert status == 200
    page.fill("#speaker", LIVE[0])
    page.fill("#text", LIVE[1])
    page.press("#text", "Enter")
    page.wait_for_selector("#turns tbody tr[data-turn='4']")
    expected = [t for _, t in PASTED[:4]] + [LIVE[1]]
    assert _stored_texts(server, token, conversation_id) == expected
    assert _table_texts(page) == list(enumerate(expected))
    for speaker in ("user", "assistant"):  # one chart point per turn of the speaker, none twice
        points = page.eval_on_selector_all(f"#chart g.series[data-speaker='{speaker}'][data-dimension='valence'] "
                                           "circle", "dots => dots.map(d => Number(d.dataset.turn))")
        assert points == [i for i, (s, _) in enumerate([*PASTED[:4], LIVE]) if s == speaker]
    assert not page.is_visible("#error"), page.inner_text("#error")
    page.close()


@pytest.mark.slow
def test_dashboard_reconnects_after_the_service_restarts(browser: Any, tmp_path: Path) -> None:
    """The service goes away (stopped) and comes back on the same port and database: an utterance typed while it
    is away is sent once it is back, the others stay, and nothing is shown or stored twice."""
    url = f"sqlite:///{tmp_path / 'restart.db'}"
    store = Store(url)
    _, token = store.create_key("restart")
    store.close()
    server = LiveServer(url, tmp_path / "server.log").start()
    try:
        page = browser.new_page()
        conversation_id = _start_typing(page, server, token)
        server.stop()
        page.wait_for_function("document.querySelector('#transport').dataset.transport === 'reconnecting'")
        page.fill("#speaker", PASTED[2][0])
        page.fill("#text", PASTED[2][1])
        page.press("#text", "Enter")  # waits for the service
        server.start()
        page.wait_for_selector("#turns tbody tr[data-turn='2']")
        page.wait_for_function("document.querySelector('#transport').dataset.transport === 'websocket'")
        expected = [t for _, t in PASTED[:3]]
        assert _stored_texts(server, token, conversation_id) == expected
        assert _table_texts(page) == list(enumerate(expected))
        assert page.inner_text("#status") == "3 turns"
        assert not page.is_visible("#error"), page.inner_text("#error")
        page.close()
    finally:
        server.stop()
