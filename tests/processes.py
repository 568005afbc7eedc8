"""Real Redis servers and Celery workers for the integration tests, as child processes."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from graph.embedded_server import free_port
from services.settings import Settings

READY_TIMEOUT_S = 60


@contextmanager
def redis_server(work_dir: Path) -> Iterator[str]:
    """A private redis-server on a free port, without persistence; yields its URL."""
    binary = shutil.which("redis-server")
    if binary is None:
        raise RuntimeError("redis-server is not installed (scripts/bootstrap.sh installs it)")
    port = free_port()
    process = subprocess.Popen(
        [
            binary,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(work_dir),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    try:
        _wait_for_redis(port, process)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=10)


def _wait_for_redis(port: int, process: subprocess.Popen[bytes]) -> None:
    import redis

    deadline = time.monotonic() + READY_TIMEOUT_S
    client = redis.Redis(host="127.0.0.1", port=port)
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"redis-server exited with {process.returncode}")
        try:
            if client.ping():
                return
        except redis.ConnectionError:
            time.sleep(0.1)
    raise RuntimeError("redis-server did not answer in time")


def worker_env(settings: Settings, redis_url: str, **extra: str) -> dict[str, str]:
    """The environment that points a worker at the test Neo4j and Redis."""
    env = dict(os.environ)
    env.update(
        {
            "NEO4J_URI": settings.bolt_uri,
            "NEO4J_USER": settings.neo4j_user,
            "NEO4J_PASSWORD": settings.neo4j_password.get_secret_value()
            if settings.neo4j_password
            else "",
            "MULTAQA_REDIS_URL": redis_url,
            "MULTAQA_ENV": "test",
            "MULTAQA_JWT_SECRET": settings.jwt_secret.get_secret_value(),
            **extra,
        }
    )
    return env


class Worker:
    """A real `celery worker` process (in its own process group, so it can be killed whole)."""

    def __init__(self, env: dict[str, str], log: Path, concurrency: int = 2) -> None:
        self.log = log
        self._file = log.open("ab")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "workers.app",
                "worker",
                "-P",
                "prefork",
                "-c",
                str(concurrency),
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "-l",
                "INFO",
                "-n",
                f"test-{time.monotonic_ns()}@%h",
            ],
            env=env,
            stdout=self._file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self._wait_ready()

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + READY_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"worker exited: {self.log.read_text()[-2000:]}")
            if " ready." in self.log.read_text(errors="replace"):
                return
            time.sleep(0.2)
        raise RuntimeError(f"worker not ready: {self.log.read_text()[-2000:]}")

    def kill(self) -> None:
        """SIGKILL the worker and its pool processes: no chance to clean up or acknowledge."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)
        self._file.close()

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        self._file.close()
