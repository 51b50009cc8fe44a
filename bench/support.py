"""Serving the site under gunicorn and measuring it from the same machine, side by side."""

import contextlib
import json as jsonlib
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def environment(database_url=None, **extra):
    env = {**os.environ, "DJANGO_ENV": "development", "DEBUG": "false", "LOG_LEVEL": "WARNING", **extra}
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def manage(*args, database_url=None):
    """Run a management command against the given database."""
    subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment(database_url), check=True, capture_output=True
    )


@contextlib.contextmanager
def serve(database_url=None, workers=2, threads=1):
    """Start gunicorn with the site on a free local port; yield its base URL."""
    port = free_port()
    (ROOT / "var").mkdir(exist_ok=True)
    log = open(ROOT / "var" / f"bench-gunicorn-{port}.log", "w")  # noqa: SIM115 - closed below
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--log-level",
            "warning",
            "--keep-alive",
            "5",
        ],
        cwd=ROOT,
        env=environment(database_url, ALLOWED_HOSTS="127.0.0.1,localhost"),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                if httpx.get(f"{base_url}/ping", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        else:
            raise RuntimeError("gunicorn did not start")
        yield base_url
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()


def server_time_ms(response):
    header = response.headers.get("server-timing", "")
    return float(header.split("dur=")[1]) if "dur=" in header else float("nan")


def server_times(url, n, method="GET", json=None, warmup=20, cookies=None):
    """Server time (ms) of n sequential requests, from the Server-Timing header."""
    with httpx.Client(timeout=30, cookies=cookies) as client:
        for _ in range(warmup):
            client.request(method, url, json=json)
        times = []
        for _ in range(n):
            response = client.request(method, url, json=json)
            response.raise_for_status()
            times.append(server_time_ms(response))
    return times


def percentile(values, fraction):
    values = sorted(values)
    return values[min(len(values) - 1, round(fraction * (len(values) - 1)))]


def summary(values):
    return {"p50": statistics.median(values), "p95": percentile(values, 0.95), "p99": percentile(values, 0.99)}


WRK = shutil.which("wrk")
WRK_THREADS = 2
WRK_SCRIPT = """
wrk.method = os.getenv("BENCH_METHOD")
local body = os.getenv("BENCH_BODY")
if body ~= "" then
  wrk.body = body
  wrk.headers["Content-Type"] = "application/json"
end
"""


def load_tool():
    """What drives the load: wrk (a C load generator, not the bottleneck), else Python threads (said in the report)."""
    return "wrk" if WRK else "httpx (wrk absent : apt-get install wrk)"


def throughput(url, seconds=5.0, concurrency=8, method="GET", json=None):
    """Requests per second that `concurrency` keep-alive connections obtain during `seconds`; any error fails."""
    if WRK:
        return _wrk_throughput(url, seconds, concurrency, method, json)
    return _threads_throughput(url, seconds, concurrency, method, json)


def _wrk_throughput(url, seconds, concurrency, method, json):
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT)
    env = {**os.environ, "BENCH_METHOD": method, "BENCH_BODY": "" if json is None else jsonlib.dumps(json)}
    try:
        completed = subprocess.run(
            [
                WRK,
                f"-t{min(WRK_THREADS, concurrency)}",
                f"-c{concurrency}",
                f"-d{max(1, round(seconds))}s",
                "-s",
                script.name,
                url,
            ],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
    finally:
        os.unlink(script.name)
    output = completed.stdout
    if completed.returncode:
        raise RuntimeError(f"wrk failed on {url}: {completed.stderr or output}")
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: (.*)", output)
    if errors or socket_errors:
        raise RuntimeError(f"errors while measuring {url}:\n{output}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))


def _threads_throughput(url, seconds, concurrency, method, json):
    counts = [0] * concurrency
    errors = [0] * concurrency
    deadline = time.perf_counter() + seconds

    def worker(index):
        with httpx.Client(timeout=30) as client:
            while time.perf_counter() < deadline:
                response = client.request(method, url, json=json)
                if response.status_code < 400:
                    counts[index] += 1
                else:
                    errors[index] += 1

    started = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(i,)) for i in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    if sum(errors):
        raise RuntimeError(f"{sum(errors)} errors while measuring {url}")
    return sum(counts) / elapsed


def bench_database(name):
    """(database URL, label) of the bench database `name`: PostgreSQL when it answers (created if needed), otherwise
    a SQLite file under var/."""
    try:
        import psycopg

        with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as connection:
            if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
                connection.execute(f'CREATE DATABASE "{name}"')
        return f"postgres://postgres@127.0.0.1:5432/{name}", "PostgreSQL"
    except Exception:  # noqa: BLE001 - any failure means: no PostgreSQL here, use SQLite
        (ROOT / "var").mkdir(exist_ok=True)
        return f"sqlite:///{ROOT / 'var' / (name + '.sqlite3')}", "SQLite"


LOGIN = """
import sys
import django
django.setup()
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from deffinov.accounts.models import User
user = User.objects.get(email=sys.argv[1])
session = SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.create()
print(session.session_key)
"""


def session_cookies(database_url, email):
    """The cookies of a session opened for `email` in that database, as if the person had logged in."""
    key = subprocess.run(
        [sys.executable, "-c", LOGIN, email],
        cwd=ROOT,
        env=environment(database_url),
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    return {"sessionid": key}
