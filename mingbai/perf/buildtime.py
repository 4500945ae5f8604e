"""Time whole-site builds: this project's build, and plain Material on the same docs for comparison.

Each build runs in a fresh Python process, the way an editor or CI runs it, so import and jieba
start-up are counted the same way for both. "Plain Material" is the reference point of the design
notes: the same docs and the same Material theme, search and tags, but without the mingbai plugin and
without a ``nav:`` — MkDocs then lists every page in the navigation, which Material renders into every
page (the quadratic build that DESIGN.md avoids). Its config inherits the project's (``INHERIT``) and
replaces only what must go, so the two builds differ in nothing else.

Plain Material is timed two ways. As DESIGN.md configures Material for a Chinese site, its search
plugin segments the index with Python's jieba, which it imports when it is installed; this project no
longer installs it (its own build segments with jieba-rs), so ``jieba_folder`` installs jieba apart,
for the plain build only, and puts it on that build's ``PYTHONPATH``. This is the configuration the
issue's reference figures were measured with. Without jieba, plain Material skips segmentation
altogether (its browser search then cannot split Chinese words), which makes it faster: that
stricter comparison is timed and printed too.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..project import Project

#: What a checkout holds that is not an input of the build (output, caches, tools, history).
NOT_INPUTS = (".git", ".venv", "node_modules", "site", "search_index", ".cache", "test-artifacts", "__pycache__",
              ".pytest_cache", ".ruff_cache", "*.egg-info", ".site-*", ".index-*", "build")
QUIET = {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
BUILD = "import sys; from mingbai.cli import main; sys.exit(main(sys.argv[1:]))"
PLAIN_JIEBA = "jieba==0.42.1"  # the version this project's plain-Material reference figures were taken with


@dataclass(frozen=True)
class Timed:
    seconds: float
    articles: int

    @property
    def per_article_ms(self) -> float:
        return self.seconds * 1000 / self.articles


class BuildFailed(RuntimeError):
    """A timed build exited non-zero; the message holds the end of its output."""


def copy_project(source: Path, dest: Path) -> Path:
    """A copy of a checkout without built output or caches, so the timed build is a cold one."""
    shutil.copytree(source, dest, ignore=shutil.ignore_patterns(*NOT_INPUTS), dirs_exist_ok=True)
    return dest


def _run(command: list[str], cwd: Path, env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env={**os.environ, **QUIET, **env}, capture_output=True, text=True,
                          check=False)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise BuildFailed(f"{' '.join(command[:4])} … in {cwd} failed:\n{(done.stdout + done.stderr)[-3000:]}")
    return seconds


def time_build(root: Path, laws: Path | None, site_url: str | None = None) -> float:
    """Seconds for ``mingbai build`` (check, Whoosh index, site with search, related lists, cards)."""
    command = [sys.executable, "-c", BUILD, "--root", str(root), "build"]
    if laws is not None:
        command += ["--laws", str(laws)]
    return _run(command, root, {"MINGBAI_SITE_URL": site_url} if site_url else {})


def plain_material_config(root: Path, folder: Path) -> Path:
    """Write a config for plain Material on ``root``'s docs into ``folder``; returns its path."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "no-overrides").mkdir(exist_ok=True)
    search: dict[str, object] = {"lang": "zh"}
    for plugin in Project(root).mkdocs_config.get("plugins") or []:
        if isinstance(plugin, dict) and "search" in plugin:
            search = dict(plugin["search"] or {})
    config = {
        "INHERIT": str((root / "mkdocs.yml").resolve()),
        "docs_dir": str((root / "docs").resolve()),
        "strict": False,
        "nav": None,  # MkDocs then lists every page (the project's nav comes from its plugin anyway)
        "theme": {"custom_dir": str(folder / "no-overrides"), "language": "zh"},
        "plugins": [{"search": search}, "tags"],
    }
    path = folder / "plain-material.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def jieba_folder(cache: Path) -> Path:
    """A folder holding Python's jieba (installed there once with pip), for plain Material's builds."""
    folder = cache / PLAIN_JIEBA.replace("==", "-")
    if not (folder / "jieba" / "__init__.py").is_file():
        done = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target",
                               str(folder), PLAIN_JIEBA], capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise BuildFailed(f"pip could not install {PLAIN_JIEBA} for plain Material:\n{done.stderr[-2000:]}")
    return folder


def time_plain_material(root: Path, folder: Path, jieba: Path | None = None) -> float:
    """Seconds for plain Material with its default nav on ``root``'s docs (site written into ``folder``);
    with ``jieba`` (a folder from ``jieba_folder``) its search segments Chinese as DESIGN.md has it."""
    config = plain_material_config(root, folder)
    env = {"PYTHONPATH": str(jieba)} if jieba is not None else {}
    return _run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(folder / "site")],
                folder, env)
