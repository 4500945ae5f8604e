"""Run Debian's nginx with the shipped ``deploy/nginx.conf`` on a packed site, as a child process.

The tests, the budget script and ``mingbai serve`` use this, never the system's nginx service: a
main configuration is written into a temporary folder (pid file, logs and every temp path in it,
``daemon off`` so the process is ours to stop), the shipped server block is copied in with only its
``listen``, ``server_name`` and ``root`` replaced (the operator's three lines), and the packed site's
``nginx/csp.conf`` is put where the block includes it from (with ``deploy/brotli.conf`` and the
module's ``load_module`` when Debian's Brotli module is installed). As root, the workers would otherwise run
as ``nobody``, who cannot read a test's private temporary folder: they run as root then; as any other
user nginx ignores ``user`` and runs as that user.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

SHIPPED = Path(__file__).resolve().parents[2] / "deploy" / "nginx.conf"
#: Where deploy/nginx.conf includes the policy from (relative to nginx's configuration folder).
CSP_INCLUDE = Path("mingbai") / "csp.conf"
#: Debian's libnginx-mod-http-brotli-static (setup/system-packages.txt); used when installed.
BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")
_LISTEN = re.compile(r"^(\s*)listen\s+[^;]+;[^\n]*\n", re.M)
_DIRECTIVE = r"^(\s*){name}\s+[^;]+;"
TEMP_KINDS = ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")


class NginxError(RuntimeError):
    """nginx is missing, rejected the configuration, or did not start."""


def nginx_binary() -> str:
    """Debian's nginx (``/usr/sbin`` is not on every user's PATH)."""
    found = shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx", "/usr/local/sbin/nginx")
                                           if os.access(p, os.X_OK)), None)
    if not found:
        raise NginxError("nginx is not installed (Debian: apt-get install nginx; make test installs it)")
    return found


def server_block(shipped: str, host: str, port: int, root: Path) -> str:
    """The shipped server block with its ``listen`` lines, ``server_name`` and ``root`` replaced.

    Fails if the shipped file no longer has exactly one of each (and some ``listen``), so a change to
    its shape cannot make the tests serve something else than operators get.
    """
    listens = _LISTEN.findall(shipped)
    if not listens:
        raise NginxError(f"{SHIPPED}: no listen directive to replace")
    text = _LISTEN.sub("", shipped, count=len(listens) - 1)
    text = _LISTEN.sub(lambda m: f"{m.group(1)}listen {host}:{port};\n", text)
    for name, value in (("server_name", "localhost"), ("root", str(root))):
        pattern = re.compile(_DIRECTIVE.format(name=name), re.M)
        if len(pattern.findall(text)) != 1:
            raise NginxError(f"{SHIPPED}: expected exactly one {name} directive")
        text = pattern.sub(lambda m, n=name, v=value: f"{m.group(1)}{n} {v};", text)
    return text


def main_config(work: Path, block: Path, workers_as_root: bool | None = None) -> str:
    """The ``nginx.conf`` around the server block: everything nginx writes stays inside ``work``.

    ``workers_as_root`` defaults to whether this process is root (see the module's docstring).
    """
    as_root = os.geteuid() == 0 if workers_as_root is None else workers_as_root
    temps = "".join(f"    {kind}_temp_path {work / 'temp' / kind};\n" for kind in TEMP_KINDS)
    module = f"load_module {BROTLI_MODULE};\n" if BROTLI_MODULE.is_file() else ""
    return (f"{module}{'user root;' if as_root else ''}\ndaemon off;\nworker_processes 1;\npid {work / 'nginx.pid'};\n"
            f"error_log {work / 'error.log'} warn;\n"
            "events { worker_connections 512; }\n"
            "http {\n"
            f"    access_log {work / 'access.log'};\n{temps}"
            "    sendfile on;\n"
            f"    include {block};\n"
            "}\n")


def prepare(work: Path, dist: Path, host: str, port: int, workers_as_root: bool | None = None) -> Path:
    """Write the configuration for serving ``dist`` into the empty folder ``work``; returns nginx.conf."""
    site, csp = (dist / "site").resolve(), dist / "nginx" / "csp.conf"
    if not site.is_dir() or not csp.is_file():
        raise NginxError(f"{dist} is not a packed site (no site/ or nginx/csp.conf): run `mingbai dist`")
    for kind in TEMP_KINDS:
        (work / "temp" / kind).mkdir(parents=True, exist_ok=True)
    (work / CSP_INCLUDE).parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(csp, work / CSP_INCLUDE)
    if BROTLI_MODULE.is_file():  # as an operator with Debian's module does (deploy/brotli.conf)
        shutil.copy(SHIPPED.with_name("brotli.conf"), work / CSP_INCLUDE.with_name("brotli.conf"))
    block = work / "mingbai.conf"
    block.write_text(server_block(SHIPPED.read_text(encoding="utf-8"), host, port, site), encoding="utf-8")
    conf = work / "nginx.conf"
    conf.write_text(main_config(work, block, workers_as_root), encoding="utf-8")
    return conf


def start(work: Path, conf: Path, host: str, port: int, **as_user: object) -> subprocess.Popen:
    """Check the configuration, start nginx in the foreground and wait until it listens.

    ``as_user`` is passed to ``subprocess.Popen`` (``user=``, ``group=``: a test runs it as another user).
    """
    binary = nginx_binary()
    test = subprocess.run([binary, "-t", "-q", "-p", str(work), "-c", str(conf)], capture_output=True, text=True,
                          check=False, **as_user)
    if test.returncode != 0:
        raise NginxError(f"nginx rejected the configuration:\n{test.stderr}")
    with open(work / "stderr.log", "ab") as stderr:  # what nginx says before it reads error_log
        process = subprocess.Popen([binary, "-p", str(work), "-c", str(conf)], stdout=subprocess.DEVNULL,
                                   stderr=stderr, **as_user)
    try:
        _wait_until_listening(process, host, port, work / "error.log", timeout=10)
    except NginxError:
        stop(process)
        raise
    return process


def _free_port(host: str) -> int:
    with socket.socket() as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


def _wait_until_listening(process: subprocess.Popen, host: str, port: int, log: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise NginxError(f"nginx exited with status {process.returncode}:\n"
                             f"{log.read_text(errors='replace') if log.is_file() else ''}")
        try:
            with socket.create_connection((host, port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise NginxError(f"nginx did not listen on {host}:{port} within {timeout:.0f} s")


@contextmanager
def serve(dist: Path, port: int = 0, host: str = "127.0.0.1") -> Iterator[str]:
    """Serve a packed folder (``dist/site`` and ``dist/nginx/csp.conf``) with nginx; yields the base URL.

    ``port=0`` picks a free port (retried if another process takes it first). nginx is stopped, and
    its folder removed, when the block ends.
    """
    with tempfile.TemporaryDirectory(prefix="mingbai-nginx-") as tmp:
        work = Path(tmp)
        for attempt in range(3):
            chosen = port or _free_port(host)
            conf = prepare(work, dist, host, chosen)
            try:
                process = start(work, conf, host, chosen)
                break
            except NginxError:
                log = work / "error.log"
                if port or attempt == 2 or "Address already in use" not in (
                        log.read_text(errors="replace") if log.is_file() else ""):
                    raise
        try:
            yield f"http://{host}:{chosen}"
        finally:
            stop(process)


def stop(process: subprocess.Popen | None) -> None:
    """Stop the master (``SIGTERM``: fast shutdown; its workers exit with it)."""
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
