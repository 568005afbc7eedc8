"""Launcher for Multaqa's embedded Neo4j Community server.

The server itself is the Java program in ``graph/embedded`` (Neo4j 5.26 running in-process, Bolt
only, bound to 127.0.0.1). This module builds it with Maven when needed, starts it detached in the
background, waits for its ready line, and tracks it with a small state file inside the data
directory, so one data directory never has two servers.

Typical use::

    from pathlib import Path
    from graph import embedded_server

    info = embedded_server.start(Path(".multaqa/neo4j"), bolt_port=7687)
    ...  # neo4j.GraphDatabase.driver(info.uri, auth=None)
    embedded_server.stop(info.data_dir)

Layout of a data directory: ``data/`` (stores and transaction logs), ``logs/`` (Neo4j's
``debug.log`` etc. plus ``embedded.log``, the JVM's stdout/stderr) and ``multaqa-neo4j.json`` (the
state file: pid, port, start time).
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import time
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

MODULE_DIR: Path = Path(__file__).parent / "embedded"
POM_FILE: Path = MODULE_DIR / "pom.xml"
JAVA_SOURCE: Path = MODULE_DIR / "src/main/java/ma/multaqa/embedded/EmbeddedNeo4j.java"
TARGET_DIR: Path = MODULE_DIR / "target"
CLASSES_DIR: Path = TARGET_DIR / "classes"
DEPENDENCY_DIR: Path = TARGET_DIR / "dependency"
BUILD_STAMP: Path = TARGET_DIR / ".multaqa-build-stamp"
BUILD_LOCK: Path = TARGET_DIR / ".multaqa-build.lock"
MAIN_CLASS: str = "ma.multaqa.embedded.EmbeddedNeo4j"
MAIN_CLASS_FILE: Path = CLASSES_DIR / "ma" / "multaqa" / "embedded" / "EmbeddedNeo4j.class"

HOST: str = "127.0.0.1"
STATE_FILE_NAME: str = "multaqa-neo4j.json"
LOG_FILE: Path = Path("logs") / "embedded.log"
READY_MARKER: str = "MULTAQA_NEO4J_READY"
STOPPED_MARKER: str = "MULTAQA_NEO4J_STOPPED"
PASSWORD_ENV: str = "NEO4J_PASSWORD"
MIN_PASSWORD_LENGTH: int = 8  # Neo4j's default dbms.security.auth_minimum_password_length
MAVEN_TIMEOUT_S: float = 1800.0
LOG_TAIL_LINES: int = 25

# JVM flags: the stock Neo4j 5.26 neo4j.conf `server.jvm.additional` set (minus AlwaysPreTouch and
# TrustFinalNonStaticFields, which the stock file itself flags as unsuited to embedded use), plus
# a few extra --add-opens/--add-exports for Netty and Lucene. Heap is added per start.
JVM_FLAGS: tuple[str, ...] = (
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:FlightRecorderOptions=stackdepth=256",
    "-XX:+UnlockDiagnosticVMOptions",
    "-XX:+DebugNonSafepoints",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Djdk.tls.ephemeralDHKeySize=2048",
    "-Djdk.tls.rejectClientInitiatedRenegotiation=true",
    "-Dlog4j2.disable.jmx=true",
    "-Dlog4j.layout.jsonTemplate.maxStringLength=32768",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
    "--add-opens=java.base/java.util=ALL-UNNAMED",
    "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
    "--add-opens=java.base/java.net=ALL-UNNAMED",
    "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED",
)

_SIZE_RE = re.compile(r"^[1-9][0-9]*[kKmMgG]?$")
_POLL_S = 0.1
# Popen objects of servers started by this process, kept so they are reaped (no zombies).
_children: dict[int, subprocess.Popen[bytes]] = {}


class EmbeddedNeo4jError(RuntimeError):
    """Raised when the embedded Neo4j server cannot be built, started or stopped."""


@dataclass(frozen=True)
class ServerInfo:
    """A running embedded Neo4j server.

    Attributes:
        pid: Process id of the JVM.
        bolt_port: Bolt port on 127.0.0.1.
        data_dir: Absolute data directory of the server.
        uri: Bolt URI, ``bolt://127.0.0.1:<port>``.
    """

    pid: int
    bolt_port: int
    data_dir: Path
    uri: str


# --------------------------------------------------------------------------- build


def build(*, force: bool = False) -> None:
    """Compile the Java server and copy its runtime jars, when out of date.

    Runs ``mvn -q -B -f graph/embedded/pom.xml package`` if the build output is missing or older
    than the pom or the Java source (or when ``force``). Maven caches jars in ``~/.m2``, so only
    the very first build downloads anything. Concurrent callers are serialised with a file lock.

    Args:
        force: Rebuild even when the output looks current.

    Raises:
        EmbeddedNeo4jError: If ``mvn`` or ``java`` is missing or the Maven build fails.
    """
    _require_tool("java")
    if not force and not _build_is_stale():
        return
    _require_tool("mvn")
    with _build_lock():
        if force or _build_is_stale():
            _run_maven()


def _require_tool(name: str) -> str:
    """Return the path of an executable, or raise with an installation hint."""
    path = shutil.which(name)
    if path is None:
        hint = "a JDK 17+ (e.g. apt-get install openjdk-17-jdk-headless)"
        if name == "mvn":
            hint = "Apache Maven 3.8+ (e.g. apt-get install maven)"
        raise EmbeddedNeo4jError(f"`{name}` was not found on PATH; install {hint}.")
    return path


def _build_is_stale() -> bool:
    """Tell whether the Maven output is missing or older than its inputs."""
    outputs_present = BUILD_STAMP.exists() and MAIN_CLASS_FILE.exists()
    if not outputs_present or not any(DEPENDENCY_DIR.glob("*.jar")):
        return True
    built_at = BUILD_STAMP.stat().st_mtime
    return any(path.stat().st_mtime > built_at for path in (POM_FILE, JAVA_SOURCE))


@contextlib.contextmanager
def _build_lock() -> Iterator[None]:
    """Hold an exclusive lock so parallel test workers do not build at the same time."""
    TARGET_DIR.mkdir(parents=True, exist_ok=True)
    with BUILD_LOCK.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _run_maven() -> None:
    """Run the Maven package build from scratch for the dependency directory."""
    # A pom change may switch versions: never leave old jars next to new ones on the classpath.
    shutil.rmtree(DEPENDENCY_DIR, ignore_errors=True)
    BUILD_STAMP.unlink(missing_ok=True)
    command = ["mvn", "-q", "-B", "-f", str(POM_FILE), "package"]
    try:
        result = subprocess.run(
            command, capture_output=True, text=True, timeout=MAVEN_TIMEOUT_S, check=False
        )
    except subprocess.TimeoutExpired as exc:
        raise EmbeddedNeo4jError(f"Maven build timed out after {MAVEN_TIMEOUT_S:.0f}s") from exc
    if result.returncode != 0 or not MAIN_CLASS_FILE.exists():
        tail = _tail(result.stdout + result.stderr)
        raise EmbeddedNeo4jError(
            f"Maven build failed (exit {result.returncode}): {' '.join(command)}\n"
            f"Last output lines:\n{tail}"
        )
    BUILD_STAMP.touch()


# --------------------------------------------------------------------------- start


def start(
    data_dir: Path,
    *,
    bolt_port: int = 7687,
    heap: str = "1g",
    pagecache: str = "512m",
    password: str | None = None,
    timeout: float = 120.0,
) -> ServerInfo:
    """Start an embedded Neo4j server in the background and wait until Bolt is ready.

    Args:
        data_dir: Directory for stores and logs; created if missing.
        bolt_port: Bolt port on 127.0.0.1.
        heap: JVM heap (``-Xms``/``-Xmx``), e.g. ``"1g"``.
        pagecache: Neo4j page cache size, e.g. ``"512m"``.
        password: Password for user ``neo4j``; ``None`` or ``""`` disables authentication.
            Passed to the JVM through the environment only.
        timeout: Seconds to wait for the ready line before killing the JVM.

    Returns:
        The running server.

    Raises:
        EmbeddedNeo4jError: If arguments are invalid, a server already runs on ``data_dir``, the
            port is taken, the build fails, or the server dies or times out while starting.
    """
    _validate_start_args(bolt_port, heap, pagecache, password)
    build()
    data_dir = data_dir.expanduser().resolve()
    _refuse_if_running(data_dir)
    _refuse_if_port_taken(bolt_port)
    log_path = _fresh_log(data_dir)
    process = _spawn(data_dir, bolt_port, heap, pagecache, password, log_path)
    _wait_until_ready(process, log_path, timeout)
    info = ServerInfo(process.pid, bolt_port, data_dir, _uri(bolt_port))
    _write_state(info)
    return info


def _validate_start_args(bolt_port: int, heap: str, pagecache: str, password: str | None) -> None:
    """Reject bad arguments before anything is spawned."""
    if not 1 <= bolt_port <= 65535:
        raise EmbeddedNeo4jError(f"bolt_port must be in 1..65535, got {bolt_port}")
    for name, value in (("heap", heap), ("pagecache", pagecache)):
        if not _SIZE_RE.match(value):
            raise EmbeddedNeo4jError(f"{name} must look like 512m or 2g, got {value!r}")
    if password and len(password) < MIN_PASSWORD_LENGTH:
        raise EmbeddedNeo4jError(
            f"password must be at least {MIN_PASSWORD_LENGTH} characters "
            "(Neo4j rejects shorter ones)"
        )


def _refuse_if_running(data_dir: Path) -> None:
    """Raise if a server already uses ``data_dir``; drop a stale state file otherwise."""
    running = status(data_dir)
    if running is not None:
        raise EmbeddedNeo4jError(
            f"Neo4j is already running for {data_dir} (pid {running.pid}, {running.uri}). "
            f"Stop it with graph.embedded_server.stop(Path({str(data_dir)!r})) "
            f"or `kill {running.pid}`."
        )
    _state_path(data_dir).unlink(missing_ok=True)


def _refuse_if_port_taken(port: int) -> None:
    """Raise if something already listens on ``127.0.0.1:port``."""
    if _port_in_use(port):
        raise EmbeddedNeo4jError(
            f"Port {port} on {HOST} is already in use by another process. Pick another bolt_port "
            f"(graph.embedded_server.free_port() finds a free one) or stop the process listening "
            f"there (see `ss -ltnp 'sport = :{port}'`)."
        )


def _port_in_use(port: int) -> bool:
    """Tell whether binding ``127.0.0.1:port`` fails."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((HOST, port))
        except OSError:
            return True
    return False


def _fresh_log(data_dir: Path) -> Path:
    """Create the log directory and keep the previous launcher log as ``embedded.log.1``."""
    log_path = data_dir / LOG_FILE
    log_path.parent.mkdir(parents=True, exist_ok=True)
    if log_path.exists():
        log_path.replace(log_path.with_name(log_path.name + ".1"))
    return log_path


def _java_command(data_dir: Path, bolt_port: int, heap: str, pagecache: str) -> list[str]:
    """Build the full ``java`` command line (never containing the password)."""
    classpath = f"{CLASSES_DIR}{os.pathsep}{DEPENDENCY_DIR / '*'}"
    return [
        _require_tool("java"),
        f"-Xms{heap}",
        f"-Xmx{heap}",
        *JVM_FLAGS,
        "-cp",
        classpath,
        MAIN_CLASS,
        "--data-dir",
        str(data_dir),
        "--bolt-port",
        str(bolt_port),
        "--pagecache",
        pagecache,
    ]


def _spawn(
    data_dir: Path,
    bolt_port: int,
    heap: str,
    pagecache: str,
    password: str | None,
    log_path: Path,
) -> subprocess.Popen[bytes]:
    """Start the JVM detached in its own session, output going to ``log_path``."""
    env = dict(os.environ)
    env.pop(PASSWORD_ENV, None)  # only an explicit password enables auth
    if password:
        env[PASSWORD_ENV] = password
    command = _java_command(data_dir, bolt_port, heap, pagecache)
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=data_dir,
            env=env,
            start_new_session=True,
        )
    _children[process.pid] = process
    return process


def _wait_until_ready(process: subprocess.Popen[bytes], log_path: Path, timeout: float) -> None:
    """Block until the ready line is logged; kill the JVM and raise on death or timeout."""
    deadline = time.monotonic() + timeout
    while True:
        if READY_MARKER in _read_text(log_path):
            return
        code = process.poll()
        if code is not None:
            raise EmbeddedNeo4jError(
                f"Neo4j exited with code {code} while starting; last lines of {log_path}:\n"
                f"{_tail(_read_text(log_path))}"
            )
        if time.monotonic() > deadline:
            _kill_group(process.pid)
            raise EmbeddedNeo4jError(
                f"Neo4j was not ready within {timeout:.0f}s and was killed; last lines of "
                f"{log_path}:\n{_tail(_read_text(log_path))}"
            )
        time.sleep(_POLL_S)


def _kill_group(pid: int) -> None:
    """SIGKILL a server's process group (its own session) and reap it."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)
    _wait_gone(pid, 10.0)


# --------------------------------------------------------------------------- stop / status


def stop(data_dir: Path, *, timeout: float = 60.0) -> bool:
    """Stop the server running on ``data_dir`` with SIGTERM (clean Neo4j shutdown).

    If the JVM has not exited after ``timeout`` seconds it is killed with SIGKILL and a
    ``RuntimeWarning`` is issued: committed data is safe, Neo4j recovers from its transaction
    logs on the next start.

    Args:
        data_dir: The server's data directory.
        timeout: Seconds to wait for a clean exit before SIGKILL.

    Returns:
        True if a server was stopped, False if none was running (a stale state file is removed).
    """
    data_dir = data_dir.expanduser().resolve()
    running = status(data_dir)
    state_path = _state_path(data_dir)
    if running is None:
        state_path.unlink(missing_ok=True)
        return False
    with contextlib.suppress(ProcessLookupError):
        os.kill(running.pid, signal.SIGTERM)
    if not _wait_gone(running.pid, timeout):
        _kill_group(running.pid)
        warnings.warn(
            f"Neo4j (pid {running.pid}) did not stop within {timeout:.0f}s and was killed with "
            "SIGKILL; it will run recovery on its next start.",
            RuntimeWarning,
            stacklevel=2,
        )
    elif STOPPED_MARKER not in _read_text(data_dir / LOG_FILE):
        warnings.warn(
            f"Neo4j (pid {running.pid}) exited without reporting a clean shutdown; see "
            f"{data_dir / 'logs'}",
            RuntimeWarning,
            stacklevel=2,
        )
    state_path.unlink(missing_ok=True)
    return True


def status(data_dir: Path) -> ServerInfo | None:
    """Describe the server running on ``data_dir``.

    Args:
        data_dir: The server's data directory.

    Returns:
        The running server, or None if no state file exists or its process is gone (or is not
        our Neo4j JVM for this data directory, e.g. after pid reuse).
    """
    data_dir = data_dir.expanduser().resolve()
    state = _read_state(data_dir)
    if state is None:
        return None
    pid, port = state
    if not _is_our_server(pid, data_dir):
        return None
    return ServerInfo(pid, port, data_dir, _uri(port))


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that was free a moment ago (bind to port 0)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def _is_our_server(pid: int, data_dir: Path) -> bool:
    """Tell whether ``pid`` is alive and is our JVM serving ``data_dir``."""
    if not _alive(pid):
        return False
    args = _process_args(pid)
    if MAIN_CLASS not in args or "--data-dir" not in args:
        return False
    index = args.index("--data-dir") + 1
    return index < len(args) and args[index] == str(data_dir)


def _alive(pid: int) -> bool:
    """Tell whether ``pid`` runs (reaping it first if it is our exited child)."""
    child = _children.get(pid)
    if child is not None:  # our own child: poll() is authoritative and reaps the zombie
        if child.poll() is None:
            return True
        del _children[pid]
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return not _is_zombie(pid)


def _is_zombie(pid: int) -> bool:
    """Tell whether ``pid`` has exited but not been reaped (Linux /proc only)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[-1].split()[0] == "Z"


def _process_args(pid: int) -> list[str]:
    """Return the command-line arguments of ``pid`` (empty if unknown)."""
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
        return [arg.decode(errors="replace") for arg in raw.split(b"\0") if arg]
    except OSError:
        pass
    result = subprocess.run(
        ["ps", "-o", "command=", "-p", str(pid)], capture_output=True, text=True, check=False
    )
    return result.stdout.split()


def _wait_gone(pid: int, timeout: float) -> bool:
    """Wait up to ``timeout`` seconds for ``pid`` to exit; True if it did."""
    deadline = time.monotonic() + timeout
    while _alive(pid):
        if time.monotonic() > deadline:
            return False
        time.sleep(_POLL_S)
    return True


# --------------------------------------------------------------------------- state & helpers


def _state_path(data_dir: Path) -> Path:
    """Return the state file path of ``data_dir``."""
    return data_dir / STATE_FILE_NAME


def _write_state(info: ServerInfo) -> None:
    """Atomically write the state file of a freshly started server."""
    state = {
        "pid": info.pid,
        "bolt_port": info.bolt_port,
        "uri": info.uri,
        "started_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    path = _state_path(info.data_dir)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(state, indent=2) + "\n")
    tmp.replace(path)


def _read_state(data_dir: Path) -> tuple[int, int] | None:
    """Return ``(pid, bolt_port)`` from the state file, or None if absent or unreadable."""
    try:
        state = json.loads(_state_path(data_dir).read_text())
        return int(state["pid"]), int(state["bolt_port"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _uri(port: int) -> str:
    """Return the Bolt URI for ``port``."""
    return f"bolt://{HOST}:{port}"


def _read_text(path: Path) -> str:
    """Read a log file leniently ('' if it does not exist)."""
    try:
        return path.read_text(errors="replace")
    except FileNotFoundError:
        return ""


def _tail(text: str, lines: int = LOG_TAIL_LINES) -> str:
    """Return the last ``lines`` non-empty lines of ``text``."""
    kept = [line for line in text.splitlines() if line.strip()]
    return "\n".join(kept[-lines:]) or "(no output)"
