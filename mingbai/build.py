"""Build the site and the search index into temporary folders and swap them in whole.

A failed build must leave the previous ``site/`` and ``search_index/`` exactly as they were
(DESIGN.md), so nothing is written in place: both are built beside their targets, then renamed.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException, PluginError

from . import settings
from .plugin import MingbaiPlugin
from .problems import ContentError
from .project import Project, check_project
from .search.background import IndexJob


class BuildError(Exception):
    """The site or index could not be built; the previous output is untouched."""


class _Collector(logging.Handler):
    """Keeps MkDocs' warnings and errors, so a failed build says why, not just 'Aborted'."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _swap_in(pairs: list[tuple[Path, Path]]) -> None:
    """Rename every new folder onto its target; on failure put the old ones back."""
    moved: list[tuple[Path, Path | None]] = []
    try:
        for new, target in pairs:
            old = None
            if target.exists():
                old = target.with_name(f".{target.name}-old-{new.name}")
                target.rename(old)
            moved.append((target, old))
            new.rename(target)
    except OSError:
        for target, old in reversed(moved):
            if target.exists() and old is not None:
                shutil.rmtree(target, ignore_errors=True)
            if old is not None:
                old.rename(target)
        raise
    for _, old in moved:
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)


def _load_config(project: Project, site_dir: Path, site_url: str | None = None,
                 ) -> tuple[MkDocsConfig | None, str | None]:
    """MkDocs' validated config, or None and why it cannot be loaded."""
    overrides = {"site_url": site_url} if site_url else {}
    try:
        return load_config(str(project.mkdocs_yml), site_dir=str(site_dir), strict=True, **overrides), None
    except (MkDocsException, OSError, SystemExit) as error:
        return None, f"mkdocs.yml cannot be loaded: {error}"


def _plugin(config: MkDocsConfig | None) -> MingbaiPlugin | None:
    plugin = config.plugins.get("mingbai") if config is not None else None
    return plugin if isinstance(plugin, MingbaiPlugin) else None


def _start_sharing(plugin: MingbaiPlugin | None, config: MkDocsConfig | None) -> None:
    """Let the plugin start drawing cards and posters now, so that the drawing workers use the second
    core during the checks instead of idling until MkDocs renders. Anything wrong here (no font, no
    site_url) is reported by the plugin's own ``on_config`` later."""
    if plugin is not None and config is not None:
        try:
            plugin.start_sharing(config)
        except PluginError:
            pass


def build_site(project: Project, laws_dir: Path | None = None, site_dir: Path | None = None,
               index_dir: Path | None = None, site_url: str | None = None) -> list[str]:
    """Check, then build site and index atomically. Returns the warnings worth showing.

    ``site_url`` (``--site-url``) wins over MINGBAI_SITE_URL, which wins over mkdocs.yml's default."""
    site_dir = site_dir or project.root / "site"
    index_dir = index_dir or project.root / "search_index"
    tmp_site = Path(tempfile.mkdtemp(prefix=".site-", dir=site_dir.parent))
    tmp_index = Path(tempfile.mkdtemp(prefix=".index-", dir=index_dir.parent))
    plugin = None
    job = None
    try:
        address = site_url if site_url is not None else os.environ.get(settings.SITE_URL_ENV)
        if address is not None:  # said here, before MkDocs rejects it with a vaguer message
            try:
                address = settings.check_site_url(address)
            except settings.SettingError as error:
                origin = "--site-url" if site_url is not None else settings.SITE_URL_ENV
                raise BuildError(f"{error} (from {origin})") from None
        config, config_error = _load_config(project, tmp_site, address if site_url is not None else None)
        plugin = _plugin(config)
        _start_sharing(plugin, config)
        problems = check_project(project, laws_dir)
        errors = [p for p in problems if not p.warning]
        if errors:
            raise ContentError(errors)
        if config is None:
            raise BuildError(config_error)
        try:
            notices = [w for w in [settings.loopback_warning(settings.check_site_url(config.site_url or ""))] if w]
        except settings.SettingError as error:
            raise BuildError(f"{error} (set it with --site-url or {settings.SITE_URL_ENV})") from None
        # The Whoosh index and the related lists are made in a second process while MkDocs renders;
        # the plugin fills the lists in once every page's Markdown is rendered (search/background.py).
        job = IndexJob(project, tmp_index)
        if plugin is not None:
            plugin.use_related(job.related)
        logger = logging.getLogger("mkdocs")
        collector = _Collector()
        logger.addHandler(collector)
        try:
            mkdocs_build(config)
        except (MkDocsException, SystemExit) as error:
            details = "\n".join(collector.messages)
            raise BuildError(f"mkdocs build failed: {error}\n{details}".rstrip()) from error
        finally:
            logger.removeHandler(collector)
        try:
            job.related()  # the index is complete once its job is
        except RuntimeError as error:
            raise BuildError(f"search index failed: {error}") from error
        _swap_in([(tmp_site, site_dir), (tmp_index, index_dir)])
    finally:
        if job is not None:
            job.close()
        if plugin is not None:
            plugin.stop_sharing()  # a build that failed before MkDocs ran leaves no drawing workers behind
        shutil.rmtree(tmp_site, ignore_errors=True)
        shutil.rmtree(tmp_index, ignore_errors=True)
    return notices + [str(p) for p in problems if p.warning]
