"""The load client of `make bench`: a few concurrent clients, each a thread with its own keep-alive
connection, sending requests to a server on this machine's loopback address for a fixed time (or
until a fixed number of requests has been sent) and recording how long each one took.

It only ever talks to 127.0.0.1, never follows redirects, and stops by itself: `MAX_CLIENTS`,
`MAX_SECONDS` and the request limit bound every run. It needs no Django, so it can drive any page:

    python -m coordinated_care.nonprod.loadclient --port 8200 --path /healthz/live --clients 16 --seconds 10
"""

import argparse
import http.client
import http.cookies
import json
import math
import re
import threading
import time
import urllib.parse
from collections import Counter
from dataclasses import dataclass, field

LOOPBACK = "127.0.0.1"
MAX_CLIENTS = 256
MAX_SECONDS = 600
TIMEOUT_SECONDS = 30


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    body: bytes | None = None
    headers: dict = field(default_factory=dict)


@dataclass
class Result:
    """What one page's run recorded: latencies in milliseconds of the requests answered after the
    warm-up, their statuses ("error" for a connection that failed) and the time they took together."""

    latencies_ms: list
    statuses: Counter
    seconds: float
    client_cpu_seconds: float
    connections: int
    clients: int

    @property
    def requests(self):
        return len(self.latencies_ms)

    @property
    def per_second(self):
        return self.requests / self.seconds if self.seconds > 0 else 0.0

    def percentile(self, share):
        """Nearest-rank percentile: the smallest latency that `share` of the requests did not exceed."""
        if not self.latencies_ms:
            return float("nan")
        ordered = sorted(self.latencies_ms)
        return ordered[max(1, math.ceil(len(ordered) * share)) - 1]

    @property
    def p50_ms(self):
        return self.percentile(0.50)

    @property
    def p95_ms(self):
        return self.percentile(0.95)

    def failures(self, expect):
        return sum(count for status, count in self.statuses.items() if status not in expect)

    @property
    def client_cpu_share(self):
        """The load client's own CPU time over the run, in cores: on a machine of two cores, 0.5 is a
        quarter of the machine that the server did not have."""
        return self.client_cpu_seconds / self.seconds if self.seconds > 0 else 0.0

    def as_dict(self):
        return {
            "requests": self.requests,
            "seconds": round(self.seconds, 3),
            "per_second": round(self.per_second, 1),
            "p50_ms": round(self.p50_ms, 2),
            "p95_ms": round(self.p95_ms, 2),
            "statuses": {str(k): v for k, v in sorted(self.statuses.items(), key=str)},
            "connections": self.connections,
            "clients": self.clients,
            "client_cpu_share": round(self.client_cpu_share, 2),
        }


class Browser:
    """Just enough of a browser to sign in: a cookie jar, and the headers the proxy in front of
    production adds (`X-Forwarded-Proto: https`, so the production settings serve plain HTTP from
    the loopback address as if it had come over HTTPS). One connection a request; not timed."""

    def __init__(self, port):
        self.port = port
        self.cookies = {}

    @property
    def origin(self):
        return f"https://{LOOPBACK}:{self.port}"

    def headers(self, *, post=False, path="/"):
        headers = {"X-Forwarded-Proto": "https"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        if post:
            # What a browser sends with a form or a fetch(): CSRF checks them on HTTPS.
            headers["Origin"] = self.origin
            headers["Referer"] = self.origin + path
        return headers

    def request(self, method, path, form=None, headers=None):
        body = urllib.parse.urlencode(form).encode() if form is not None else None
        sent = self.headers(post=method == "POST", path=path) | (headers or {})
        if body is not None:
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        connection = http.client.HTTPConnection(LOOPBACK, self.port, timeout=TIMEOUT_SECONDS)
        try:
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            text = response.read().decode(errors="replace")
            for header in response.headers.get_all("Set-Cookie") or []:
                self._remember(header)
            return response.status, response.headers, text
        finally:
            connection.close()

    def _remember(self, header):
        cookie = http.cookies.SimpleCookie()
        cookie.load(header)
        for name, morsel in cookie.items():
            if morsel["max-age"] == "0" or not morsel.value:
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = morsel.value

    def cookie(self, name):
        """A cookie by Django's name for it, with or without the `__Host-` prefix production gives it."""
        return self.cookies.get(name, self.cookies.get(f"__Host-{name}"))

    def sign_in(self, email, password, path="/accounts/login/", totp_secret=None):
        """Through the real sign-in form: its page for the CSRF token, then the form sent back; and
        the code of the person's authenticator app when the service asks for it (staff, ADR 13)."""
        status, _, html = self.request("GET", path)
        found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        if status != 200 or not found:
            raise SignInFailed(f"the sign-in page answered {status} without a form")
        status, headers, _ = self.request(
            "POST", path, {"csrfmiddlewaretoken": found.group(1), "login": email, "password": password}
        )
        if status == 302 and headers.get("Location", "").endswith("/accounts/2fa/authenticate/"):
            status, headers = self._second_factor(totp_secret)
        if status != 302 or self.cookie("sessionid") is None:
            raise SignInFailed(f"signing in as {email} answered {status}, not a redirect with a session")
        return self

    def _second_factor(self, secret):
        from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

        from .scale_people import SCALE_TOTP_SECRET

        step = "/accounts/2fa/authenticate/"
        _, _, html = self.request("GET", step)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        code = format_hotp_value(hotp_value(secret or SCALE_TOTP_SECRET, int(time.time()) // 30))
        status, headers, _ = self.request("POST", step, {"csrfmiddlewaretoken": token, "code": code})
        return status, headers

    def replay(self, method, path, form=None):
        """A `Request` that sends what this browser would send, for the load client to repeat."""
        headers = self.headers(post=method == "POST", path=path)
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if method == "POST" and self.cookie("csrftoken") and "csrfmiddlewaretoken" not in (form or {}):
            headers["X-CSRFToken"] = self.cookie("csrftoken")  # as the live check's script sends it
        return Request(method, path, body, headers)


class SignInFailed(Exception):
    pass


def drive(port, next_request, *, clients=16, seconds=10.0, warmup=1.0, limit=None):
    """Run `clients` threads against 127.0.0.1:`port` for `warmup` + `seconds`, or until `limit`
    requests were sent or `next_request(client)` returns None. The requests answered after the
    warm-up are recorded (with the connections they opened), and the run's time is from the end of
    the warm-up to the last answer: a page slower than the warm-up is still measured."""
    if not 1 <= clients <= MAX_CLIENTS:
        raise ValueError(f"clients must be between 1 and {MAX_CLIENTS}")
    if not 0 < seconds + warmup <= MAX_SECONDS:
        raise ValueError(f"a run lasts at most {MAX_SECONDS} seconds")
    if not callable(next_request):
        request = next_request
        next_request = lambda client: request  # noqa: E731
    started = time.perf_counter()
    measure_from = started + warmup
    stop_at = measure_from + seconds
    lock = threading.Lock()
    sent = [0]
    latencies, statuses, finished, connections = [], Counter(), [measure_from], [0]

    def allowed():
        with lock:
            if limit is not None and sent[0] >= limit:
                return False
            sent[0] += 1
            return True

    def client(index):
        connection = None
        mine, my_statuses, my_connections, last = [], Counter(), 0, measure_from
        while time.perf_counter() < stop_at and allowed():
            request = next_request(index)
            if request is None:
                break
            begun = time.perf_counter()
            status = "error"
            opened = 0
            for _ in range(2):
                reused = connection is not None
                if connection is None:
                    connection = http.client.HTTPConnection(LOOPBACK, port, timeout=TIMEOUT_SECONDS)
                    opened += 1
                try:
                    connection.request(request.method, request.path, body=request.body, headers=request.headers)
                    response = connection.getresponse()
                    response.read()
                    status = response.status
                    if response.will_close:
                        connection.close()
                        connection = None
                    break
                except (OSError, http.client.HTTPException):
                    connection.close()
                    connection = None
                    # A kept-alive connection the server has just closed: once more on a new one.
                    if not reused:
                        break
            ended = time.perf_counter()
            if ended >= measure_from:
                mine.append((ended - begun) * 1000)
                my_statuses[status] += 1
                my_connections += opened
                last = max(last, ended)
        if connection is not None:
            connection.close()
        with lock:
            latencies.extend(mine)
            statuses.update(my_statuses)
            finished.append(last)
            connections[0] += my_connections

    cpu = time.process_time()
    threads = [threading.Thread(target=client, args=(n,), daemon=True) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + warmup + TIMEOUT_SECONDS * 2)
    cpu = time.process_time() - cpu
    elapsed = max(finished) - measure_from
    return Result(latencies, statuses, elapsed, cpu, connections[0], clients)


def main(argv=None):
    parser = argparse.ArgumentParser(description="Drive one page of a server on 127.0.0.1 with concurrent clients.")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--path", default="/healthz/live")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--warmup", type=float, default=1.0)
    parser.add_argument("--sign-in", nargs=2, metavar=("EMAIL", "PASSWORD"), help="sign in first, through the form")
    options = parser.parse_args(argv)
    browser = Browser(options.port)
    if options.sign_in:
        browser.sign_in(*options.sign_in)
    result = drive(
        options.port,
        browser.replay("GET", options.path),
        clients=options.clients,
        seconds=options.seconds,
        warmup=options.warmup,
    )
    print(json.dumps(result.as_dict()))


if __name__ == "__main__":
    main()
