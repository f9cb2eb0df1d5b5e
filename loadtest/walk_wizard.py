#!/usr/bin/env python3
"""Ten visitors walk the eligibility check at once, again and again, for a bounded
time; print the p50 and p99 latency of the steps and of the results page.

A measured benchmark, not part of CI, against a production-mode server on this
machine (``SECRET_KEY=... make serve``). Target: steps and results p99 < 250 ms,
no error. Only the standard library: each visitor has its own cookie jar, sends
``X-Forwarded-Proto: https`` as the TLS proxy would, and answers each page from
one of the worked examples in ``tests/data/examples.json``.

    .venv/bin/python loadtest/walk_wizard.py --users 10 --seconds 30
"""

from __future__ import annotations

import argparse
import html
import json
import re
import statistics
import sys
import threading
import time
from collections import defaultdict
from html.parser import HTMLParser
from http.cookiejar import CookieJar, DefaultCookiePolicy
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import urlencode, urlsplit
from urllib.request import (
    HTTPCookieProcessor,
    HTTPRedirectHandler,
    Request,
    build_opener,
)

EXAMPLES = Path(__file__).resolve().parent.parent / "tests" / "data" / "examples.json"
TARGET_P99_MS = 250
MAX_PAGES = 20


class BehindTheProxy(DefaultCookiePolicy):
    """TLS ends at the proxy, so the secure cookies travel over plain HTTP here."""

    def return_ok_secure(self, cookie, request) -> bool:
        return True


class KeepRedirects(HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs) -> None:
        return None


class CheckForm(HTMLParser):
    """The check's form on a page: its step, CSRF token and fields."""

    def __init__(self) -> None:
        super().__init__()
        self.step = ""
        self.csrf = ""
        self.fields: dict[str, dict] = {}
        self.select: str | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = dict(attrs)
        name = a.get("name")
        if tag == "form" and "data-step" in a:
            self.step = a["data-step"]
        elif tag == "input" and name == "csrfmiddlewaretoken":
            self.csrf = a["value"]
        elif tag == "input" and name:
            field = self.fields.setdefault(name, {"kind": a.get("type"), "facts": ""})
            field["facts"] = a.get("data-facts", field["facts"])
        elif tag == "select" and name:
            self.select = name
            self.fields[name] = {"kind": "select", "facts": ""}

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self.select = None


def _answer(value: object) -> object:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return value if isinstance(value, list) else str(value)


def answers(form: CheckForm, profile: dict) -> dict[str, object]:
    """What the enterprise of ``profile`` enters on the page."""
    data: dict[str, object] = {"csrfmiddlewaretoken": form.csrf}
    for name, field in form.fields.items():
        if name.startswith("gate_"):
            given = [profile[f] for f in field["facts"].split() if f in profile]
            data[name] = "unknown" if not given else "yes" if any(given) else "no"
        elif name in profile:
            data[name] = _answer(profile[name])
        elif field["kind"] == "radio":
            data[name] = "unknown"
        elif field["kind"] == "text":
            data[name] = ""
    return data


class Visitor:
    """One person walking the check from the first question to the results."""

    def __init__(self, base: str, profile: dict, record) -> None:
        self.base, self.profile, self.record = base, profile, record
        jar = CookieJar(policy=BehindTheProxy())
        self.opener = build_opener(HTTPCookieProcessor(jar), KeepRedirects)

    def request(self, kind: str, path: str, data: dict | None = None) -> tuple:
        headers = {"X-Forwarded-Proto": "https"}
        body = None
        if data is not None:
            body = urlencode(data, doseq=True).encode()
            origin = "https://" + urlsplit(self.base).netloc
            headers |= {"Origin": origin, "Referer": origin + path}
        started = time.perf_counter()
        try:
            with self.opener.open(
                Request(self.base + path, body, headers), timeout=30
            ) as r:
                status, location, page = r.status, "", r.read().decode()
        except HTTPError as error:
            status, location = error.code, error.headers.get("Location", "")
            page = error.read().decode()
        self.record(kind, (time.perf_counter() - started) * 1000, status)
        return status, location, page

    def walk(self) -> str:
        """Answer every page, then open the results; their HTML, or "" on an error."""
        path = "/en/check/location/"
        for _ in range(MAX_PAGES):
            status, _, page = self.request("step", path)
            form = CheckForm()
            form.feed(page)
            if status != 200 or not form.step:
                return ""
            status, location, _ = self.request(
                "step", path, answers(form, self.profile)
            )
            if status != 302:
                return ""
            path = urlsplit(location).path
            if path.endswith("/results/"):
                return self.request("results", path)[2]
        return ""


def share_link(base: str, profile: dict) -> str:
    """The results' share link for ``profile`` (for Lighthouse: no session needed)."""
    page = Visitor(base, profile, lambda *args: None).walk()
    found = re.search(r'id="share-url"[^>]*value="([^"]+)"', page) or re.search(
        r'value="([^"]+)"[^>]*id="share-url"', page
    )
    if not found:
        sys.exit("No share link on the results page.")
    return urlsplit(html.unescape(found[1])).path


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    parser.add_argument("--users", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument(
        "--share-link",
        action="store_true",
        help="walk once and print the path of the results' share link, nothing else",
    )
    options = parser.parse_args()
    if urlsplit(options.base_url).hostname not in {"127.0.0.1", "localhost"}:
        sys.exit(f"Refusing to load anything but this machine: {options.base_url}")

    profiles = [e["profile"] for e in json.loads(EXAMPLES.read_text()) if e["profile"]]
    if options.share_link:
        print(share_link(options.base_url, profiles[0]))
        return 0
    timings: dict[str, list[float]] = defaultdict(list)
    failures: dict[str, int] = defaultdict(int)
    walks = [0]
    lock = threading.Lock()
    deadline = time.monotonic() + options.seconds

    def record(kind: str, ms: float, status: int) -> None:
        with lock:
            timings[kind].append(ms)
            if status not in {200, 302}:
                failures[f"{kind} {status}"] += 1

    def user(number: int) -> None:
        turn = number
        while time.monotonic() < deadline:
            Visitor(options.base_url, profiles[turn % len(profiles)], record).walk()
            turn += 1
            with lock:
                walks[0] += 1

    threads = [threading.Thread(target=user, args=(n,)) for n in range(options.users)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started

    total = sum(len(v) for v in timings.values())
    print(
        f"{options.users} users, {elapsed:.0f} s: {walks[0]} walks, {total} requests, "
        f"{total / elapsed:.1f} requests/s"
    )
    ok = not failures
    for kind in ("step", "results"):
        values = timings[kind]
        if not values:
            print(f"{kind}: no requests")
            ok = False
            continue
        p50, p99 = statistics.median(values), percentile(values, 0.99)
        ok &= p99 < TARGET_P99_MS
        print(
            f"{kind}: {len(values)} requests, p50 {p50:.0f} ms, p99 {p99:.0f} ms, "
            f"max {max(values):.0f} ms (target p99 < {TARGET_P99_MS} ms)"
        )
    print(f"errors: {dict(failures) or 'none'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
