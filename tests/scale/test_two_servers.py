"""Two app servers, one PostgreSQL: the portal keeps no state in its processes.

The check is walked alternating between two gunicorn servers with one cookie jar
(sessions live in the database), and a change saved through one process shows on
both servers' next request (the page and rule caches are keyed by the database's
content token). Runs only when ``PG_SCALE_URL`` names a database it may fill, as
``.ci/run`` sets it; it starts its servers on two free ports.
"""

from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from html.parser import HTMLParser
from http.cookiejar import CookieJar, DefaultCookiePolicy
from pathlib import Path
from urllib.error import HTTPError, URLError
from urllib.parse import urlencode
from urllib.request import (
    HTTPCookieProcessor,
    HTTPRedirectHandler,
    Request,
    build_opener,
)

import pytest
from django.urls import reverse

from tests.seed import DATA
from tests.wizard_support import answer, gate_answer

ROOT = Path(__file__).resolve().parents[2]
PG_SCALE_URL = os.environ.get("PG_SCALE_URL", "")


def _free_ports(count: int) -> tuple[int, ...]:
    """Ports nothing listens on now, all different: fixed ports collide with
    whatever else runs on a shared machine."""
    probes = [socket.socket() for _ in range(count)]
    for probe in probes:
        probe.bind(("127.0.0.1", 0))
    ports = tuple(probe.getsockname()[1] for probe in probes)
    for probe in probes:
        probe.close()
    return ports


PORTS = _free_ports(2)
MAX_PAGES = 20

pytestmark = [
    pytest.mark.scale,
    pytest.mark.skipif(not PG_SCALE_URL, reason="set PG_SCALE_URL to run it"),
]

DONGCHENG = json.loads((DATA / "examples.json").read_text())[0]


def _environment() -> dict[str, str]:
    """Production mode against the shared database, as ``make serve`` runs."""
    keep = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    return {
        **keep,
        "DJANGO_SETTINGS_MODULE": "portal.settings",
        "DATABASE_URL": PG_SCALE_URL,
        "DEBUG": "false",
        "SECRET_KEY": os.environ.get("SCALE_SECRET_KEY", secrets.token_urlsafe(50)),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
    }


def _manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def _wait_until_healthy(port: int, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 180  # a busy machine starts gunicorn slowly
    while time.monotonic() < deadline:
        assert server.poll() is None, f"the server on {port} stopped"
        try:
            with build_opener().open(f"http://127.0.0.1:{port}/healthz", timeout=5):
                return
        except (URLError, ConnectionError):
            time.sleep(0.5)
    raise AssertionError(f"the server on {port} did not answer /healthz")


@pytest.fixture(scope="module")
def servers() -> Iterator[dict[str, str]]:
    """Migrate and seed the shared database, then two servers on it."""
    env = _environment()
    _manage(env, "migrate", "--noinput")
    _manage(env, "load_seed")
    _manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    gunicorn = Path(sys.executable).with_name("gunicorn")
    started = [
        subprocess.Popen(
            [str(gunicorn), "portal.wsgi", "--bind", f"127.0.0.1:{port}"]
            + ["--workers", "2", "--access-logfile", "-"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for port in PORTS
    ]
    try:
        for port, server in zip(PORTS, started, strict=True):
            _wait_until_healthy(port, server)
        yield env
    finally:
        for server in started:
            server.terminate()
        for server in started:
            server.wait(timeout=30)


class BehindTheProxy(DefaultCookiePolicy):
    """TLS ends at the load balancer: the browser's secure cookies do reach the
    servers, over plain HTTP on the private network."""

    def return_ok_secure(self, cookie, request) -> bool:
        return True


class _KeepRedirects(HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs) -> None:
        return None


class Browser:
    """One visitor (one cookie jar) whose requests the balancer spreads over the
    servers: each request goes to the next server in turn."""

    def __init__(self) -> None:
        self.jar = CookieJar(policy=BehindTheProxy())
        self.opener = build_opener(HTTPCookieProcessor(self.jar), _KeepRedirects)
        self.turn = 0

    def request(
        self, path: str, data: dict | None = None, *, port: int | None = None
    ) -> tuple[int, str, str]:
        """Status, ``Location`` and body of one request, as the proxy forwards it."""
        if port is None:
            port = PORTS[self.turn % len(PORTS)]
            self.turn += 1
        origin = f"https://127.0.0.1:{port}"
        headers = {"X-Forwarded-Proto": "https", "Accept-Language": "en"}
        body = None
        if data is not None:
            body = urlencode(data, doseq=True).encode()
            headers |= {"Origin": origin, "Referer": origin + path}
        request = Request(f"http://127.0.0.1:{port}{path}", body, headers)
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, "", response.read().decode()
        except HTTPError as error:
            return error.code, error.headers.get("Location", ""), error.read().decode()


class StepForm(HTMLParser):
    """The fields of the check's form on a page: name -> kind and options."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: dict[str, dict] = {}
        self.csrf = ""
        self.select: str | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = dict(attrs)
        if tag == "input" and a.get("name") == "csrfmiddlewaretoken":
            self.csrf = a["value"]
        elif tag == "input" and a.get("name"):
            field = self.fields.setdefault(
                a["name"], {"kind": a.get("type"), "options": []}
            )
            field["options"].append(a.get("value"))
        elif tag == "select":
            self.select = a["name"]
            self.fields[self.select] = {"kind": "select", "options": []}
        elif tag == "option" and self.select:
            self.fields[self.select]["options"].append(a.get("value"))

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self.select = None


def _answers(html: str, profile: dict) -> dict[str, object]:
    """What the enterprise of ``profile`` enters on this page."""
    form = StepForm()
    form.feed(html)
    data: dict[str, object] = {"csrfmiddlewaretoken": form.csrf}
    for name, field in form.fields.items():
        if name.startswith("gate_"):
            data[name] = gate_answer(name.removeprefix("gate_"), profile)
        elif name in profile:
            data[name] = answer(name, profile[name])
        elif field["kind"] == "radio":
            data[name] = "unknown"
        elif field["kind"] == "text":
            data[name] = ""
    return data


def test_the_check_walked_across_two_servers_keeps_every_answer(servers):
    browser = Browser()
    url = reverse("policies:check_step", kwargs={"step": "location"})
    results = reverse("policies:check_step", kwargs={"step": "results"})
    steps = []
    for _ in range(MAX_PAGES):
        status, _, page = browser.request(url)
        assert status == 200, (url, status)
        steps.append(url)
        status, url, _ = browser.request(url, _answers(page, DONGCHENG["profile"]))
        assert status == 302, (steps[-1], status)
        if url == results:
            break
    else:
        raise AssertionError(f"no results after {steps}")

    status, _, page = browser.request(results)
    assert status == 200
    assert "data-estimate>CNY 1,200,000<" in page
    assert len(steps) >= 5


def test_a_change_saved_through_one_process_shows_on_both_servers(servers):
    browser = Browser()
    page = reverse("policies:region", kwargs={"slug": "dongcheng"})
    api = reverse("api:policy_detail", kwargs={"code": "DC-1"})
    for port in PORTS:  # both servers have the page cached
        assert browser.request(page, port=port)[0] == 200
        assert browser.request(page, port=port)[0] == 200
    title = f"Settling-in reward, renamed {uuid.uuid4().hex[:8]}"
    script = (
        "from policies.models import Policy; "
        "policy = Policy.objects.published().get(code='DC-1'); "
        f"policy.title = {title!r}; policy.save()"
    )

    _manage(servers, "shell", "-c", script)

    for port in reversed(PORTS):
        status, _, html = browser.request(page, port=port)
        assert status == 200
        assert title in html, port
        status, _, body = browser.request(api, port=port)
        assert json.loads(body)["title"] == title, port


def test_each_server_reports_its_health(servers):
    browser = Browser()
    for port in PORTS:
        status, _, body = browser.request("/healthz", port=port)
        assert (status, json.loads(body)) == (
            200,
            {"status": "ok", "database": "up", "content": "published"},
        )
