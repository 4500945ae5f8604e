#!/usr/bin/env python3
"""Install the Debian packages a make target needs, the missing ones only (stdlib only: runs before .venv).

The list lives in ``system-packages.txt`` beside this file, so the Makefile and .ci/run never type it
twice. What happens depends on who runs it:

* nothing missing: nothing is run (one ``dpkg-query`` call), so a warm machine pays nothing;
* root: ``apt-get update`` then ``apt-get install -y`` the missing packages;
* not root, but ``sudo -n true`` works (password-less sudo): the same commands through ``sudo -n``;
* otherwise: one message naming the exact ``apt-get install …`` command, and exit status 1.

A package is skipped when its "skip when" command is already on PATH: a machine image may carry
Node.js from another source whose package conflicts with Debian's npm.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

LIST = Path(__file__).with_name("system-packages.txt")


@dataclass(frozen=True)
class Package:
    """One line of system-packages.txt."""

    name: str
    targets: frozenset[str]
    unless_command: str | None


def read_list(path: Path = LIST) -> list[Package]:
    """Parse the package list; a malformed line is a ``path:line: message`` error."""
    packages: list[Package] = []
    errors: list[str] = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        fields = line.split(None, 3)
        if len(fields) < 3:
            errors.append(f"{path}:{number}: expected 'package targets... skip-command why'")
            continue
        name, rest = fields[0], line[len(fields[0]):].split()
        targets = [word for word in rest if word in ("serve", "test")]
        after = rest[len(targets):]
        if not targets or not after:
            errors.append(f"{path}:{number}: {name}: name its targets (serve, test) and a skip command or '-'")
            continue
        packages.append(Package(name, frozenset(targets), None if after[0] == "-" else after[0]))
    if errors:
        raise SystemExit("\n".join(errors))
    return packages


def installed(name: str) -> bool:
    """True when dpkg has the package fully installed."""
    try:
        out = subprocess.run(["dpkg-query", "-W", "-f=${Status}", name], capture_output=True, text=True)
    except FileNotFoundError:
        return False
    return out.returncode == 0 and "install ok installed" in out.stdout


def missing(target: str, packages: list[Package]) -> list[str]:
    """The packages ``target`` needs that are neither installed nor made unnecessary by a command."""
    return [
        p.name for p in packages
        if target in p.targets
        and not (p.unless_command and shutil.which(p.unless_command))
        and not installed(p.name)
    ]


def privilege() -> list[str] | None:
    """The command prefix that makes apt-get work: [] as root, ['sudo', '-n'] with password-less sudo."""
    if os.geteuid() == 0:
        return []
    if shutil.which("sudo"):
        probe = subprocess.run(["sudo", "-n", "true"], capture_output=True)
        if probe.returncode == 0:
            return ["sudo", "-n"]
    return None


def ensure(target: str, packages: list[Package]) -> int:
    """Install what ``target`` is missing; the exit status for make."""
    needed = missing(target, packages)
    if not needed:
        return 0
    command = ["apt-get", "install", "-y", "--no-install-recommends", *needed]
    prefix = privilege()
    if prefix is None:
        print(
            f"make {target} needs Debian packages that are not installed: {' '.join(needed)}.\n"
            f"Run as root:  {' '.join(command)}",
            file=sys.stderr,
        )
        return 1
    print(f"installing Debian packages for make {target}: {' '.join(needed)}", flush=True)
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    for step in (["apt-get", "update", "-qq"], [*command[:3], "-qq", *command[3:]]):
        # apt's progress is noise on success; on failure it is the explanation, so it is shown then.
        result = subprocess.run([*prefix, *step], env=env, capture_output=True, text=True)
        if result.returncode != 0:
            sys.stderr.write(result.stdout + result.stderr)
            print(f"failed ({result.returncode}): {' '.join([*prefix, *step])}", file=sys.stderr)
            return result.returncode
    print(f"installed: {' '.join(needed)}", flush=True)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target", choices=("serve", "test"))
    parser.add_argument("--list", type=Path, default=LIST, help="package list (default: beside this file)")
    args = parser.parse_args(argv)
    return ensure(args.target, read_list(args.list))


if __name__ == "__main__":
    sys.exit(main())
