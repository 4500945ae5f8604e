"""setup/system_packages.py: what `make serve` / `make test` would install, with fake apt-get, dpkg-query
and sudo on PATH, as root, with password-less sudo, with neither, and with nothing missing."""

from __future__ import annotations

import importlib.util
import os
import stat
import sys
from pathlib import Path

import pytest
from support import ROOT

SCRIPT = ROOT / "setup" / "system_packages.py"
_spec = importlib.util.spec_from_file_location("system_packages", SCRIPT)
assert _spec is not None and _spec.loader is not None
sp = importlib.util.module_from_spec(_spec)
sys.modules["system_packages"] = sp
_spec.loader.exec_module(sp)


def _tool(folder: Path, name: str, body: str) -> None:
    path = folder / name
    path.write_text("#!/bin/sh\n" + body + "\n", encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)


class Machine:
    """A PATH holding only fake tools; every call is logged to ``calls``."""

    def __init__(self, root: Path, installed: set[str], sudo: str | None, extra: tuple[str, ...] = ()) -> None:
        self.bin = root / "bin"
        self.bin.mkdir()
        self.log = root / "calls.log"
        log = self.log
        names = " ".join(sorted(installed))
        _tool(self.bin, "dpkg-query", f'echo "dpkg-query $*" >> {log}\n'
              f'for p in {names}; do [ "$p" = "$3" ] && printf "install ok installed" && exit 0; done\nexit 1')
        _tool(self.bin, "apt-get", f'echo "apt-get $*" >> {log}')
        if sudo == "ok":
            _tool(self.bin, "sudo", f'echo "sudo $*" >> {log}\n[ "$1" = "-n" ] && shift\n"$@"')
        elif sudo == "password":
            _tool(self.bin, "sudo", f'echo "sudo $*" >> {log}\necho "sudo: a password is required" >&2\nexit 1')
        for command in extra:
            _tool(self.bin, command, "exit 0")

    def calls(self) -> list[str]:
        text = self.log.read_text(encoding="utf-8") if self.log.exists() else ""
        return [line for line in text.splitlines() if not line.startswith("dpkg-query")]


@pytest.fixture
def machine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    def make(*, root: bool, installed: set[str] = frozenset(), sudo: str | None = None,
             extra: tuple[str, ...] = ()) -> Machine:
        fake = Machine(tmp_path, set(installed), sudo, extra)
        monkeypatch.setenv("PATH", str(fake.bin))
        monkeypatch.setattr(os, "geteuid", lambda: 0 if root else 1000)
        return fake

    return make


PACKAGES = sp.read_list()
TEST_NEEDS = [p.name for p in PACKAGES if "test" in p.targets]
SERVE_NEEDS = [p.name for p in PACKAGES if "serve" in p.targets]


def test_list_is_the_one_source_and_serve_needs_no_browser() -> None:
    assert "chromium" in TEST_NEEDS and "fonts-noto-cjk" in SERVE_NEEDS
    assert "chromium" not in SERVE_NEEDS
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "setup/system_packages.py serve" in makefile and "setup/system_packages.py test" in makefile
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "apt-get" not in ci and "make test" in ci


def test_root_updates_then_installs_only_the_missing(machine, capsys) -> None:
    fake = machine(root=True, installed={"libcairo2", "fontconfig"})
    assert sp.main(["test"]) == 0
    missing = [n for n in TEST_NEEDS if n not in {"libcairo2", "fontconfig"}]
    assert fake.calls() == ["apt-get update -qq", "apt-get install -y -qq --no-install-recommends " + " ".join(missing)]
    assert "installed: " + " ".join(missing) in capsys.readouterr().out


def test_serve_installs_what_serving_needs_only(machine) -> None:
    fake = machine(root=True)
    assert sp.main(["serve"]) == 0
    assert fake.calls()[-1] == "apt-get install -y -qq --no-install-recommends " + " ".join(SERVE_NEEDS)


def test_existing_node_and_npm_commands_skip_debian_packages(machine) -> None:
    fake = machine(root=True, extra=("node", "npm"))
    assert sp.main(["test"]) == 0
    installed = fake.calls()[-1].split()
    assert "nodejs" not in installed and "npm" not in installed and "chromium" in installed


def test_passwordless_sudo_is_used_when_not_root(machine) -> None:
    fake = machine(root=False, sudo="ok")
    assert sp.main(["test"]) == 0
    calls = fake.calls()
    assert calls[0] == "sudo -n true"
    assert "sudo -n apt-get update -qq" in calls
    assert "sudo -n apt-get install -y -qq --no-install-recommends " + " ".join(TEST_NEEDS) in calls


@pytest.mark.parametrize("sudo", [None, "password"])
def test_neither_root_nor_sudo_stops_with_the_exact_command(machine, capsys, sudo) -> None:
    fake = machine(root=False, sudo=sudo)
    assert sp.main(["test"]) == 1
    assert not [c for c in fake.calls() if "apt-get" in c]
    err = capsys.readouterr().err
    assert f"Run as root:  apt-get install -y --no-install-recommends {' '.join(TEST_NEEDS)}" in err


def test_nothing_missing_runs_nothing(machine, capsys) -> None:
    fake = machine(root=False, installed=set(TEST_NEEDS))
    assert sp.main(["test"]) == 0
    assert fake.calls() == [] and capsys.readouterr().out == ""


def test_failed_install_passes_on_apts_words_and_status(machine, capsys, tmp_path: Path) -> None:
    fake = machine(root=True)
    _tool(fake.bin, "apt-get", 'echo "E: Unable to locate package chromium" >&2\nexit 100')
    assert sp.main(["test"]) == 100
    assert "E: Unable to locate package chromium" in capsys.readouterr().err


def test_malformed_list_line_is_located(tmp_path: Path) -> None:
    bad = tmp_path / "list.txt"
    bad.write_text("# comment\nchromium\nfonts-noto-cjk serve -\n", encoding="utf-8")
    with pytest.raises(SystemExit) as stop:
        sp.read_list(bad)
    assert str(stop.value) == f"{bad}:2: expected 'package targets... skip-command why'"
