"""``mingbai``: one small CLI for editors, CI and the Makefile.

Commands that check or generate exit 1 when something is wrong or stale, so each doubles as a CI check.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import settings
from .problems import ContentError, Problem
from .project import Project, check_project
from .taxonomy import TaxonomyError
from .urls import update_registry

LAWS_HELP = "folder of law texts to check quotes and references against (default: the project's laws/)"


def _report(problems: list[Problem]) -> int:
    errors = [p for p in problems if not p.warning]
    for problem in problems:
        print(problem, file=sys.stderr if not problem.warning else sys.stdout)
    if errors:
        print(f"{len(errors)} problem(s) found.", file=sys.stderr)
        return 1
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    """Validate every article (and, with --laws, every quote) and report all problems at once."""
    project = Project(args.root)
    problems = check_project(project, args.laws)
    status = _report(problems)
    if status == 0:
        articles, _ = project.articles()
        print(f"OK: {len(articles)} articles checked.")
    return status


def cmd_build(args: argparse.Namespace) -> int:
    """Check, then build the site and the search index atomically."""
    from .build import BuildError, build_site

    project = Project(args.root)
    try:
        warnings = build_site(project, args.laws, site_url=getattr(args, "site_url", None))
    except ContentError as error:
        return _report(error.problems)
    except BuildError as error:
        print(error, file=sys.stderr)
        return 1
    for warning in warnings:
        print(warning)
    print(f"Built {project.root / 'site'} and {project.root / 'search_index'}.")
    return 0


def cmd_urls(args: argparse.Namespace) -> int:
    """Register new pages in urls.yml (--update), or only report what is missing (default)."""
    from .urls import check_registry

    project = Project(args.root)
    articles, problems = project.articles()
    if problems:
        return _report(problems)
    current = project.current_urls(articles)
    if args.update:
        added = update_registry(project.registry, current)
        for url in added:
            print(f"registered {url}")
        print(f"{len(added)} URL(s) added to {project.registry.name}.")
        return 0
    return _report(check_registry(project.registry, project.root, current, project.redirect_sources()))


def cmd_serve(args: argparse.Namespace) -> int:
    """Build, then serve the built site as readers get it (no live reload; use `mkdocs serve` while writing).

    With nginx installed (Debian's, as `make test` installs it), the site is packed like `mingbai dist`
    and served by nginx with the shipped deploy/nginx.conf, security headers and CSP included, so a
    page that would break under the policy breaks here too. Without it, the small Python server in
    mingbai/perf/server.py stands in (compression and the 404 page, no headers).
    """
    status = cmd_build(args)
    if status:
        return status
    site = Path(args.root) / "site"
    from .deploy import nginx

    try:
        nginx.nginx_binary()
    except nginx.NginxError as error:
        return _serve_fallback(site, args.host, args.port, str(error))
    import tempfile

    from .deploy.dist import DistError, package

    with tempfile.TemporaryDirectory(prefix="mingbai-serve-") as tmp:
        try:
            package(site, Path(tmp) / "dist")
            with nginx.serve(Path(tmp) / "dist", port=args.port, host=args.host) as url:
                print(f"Serving {site} with nginx and deploy/nginx.conf on {url}/ (Ctrl+C to stop)")
                _wait_for_interrupt()
        except (DistError, nginx.NginxError) as error:
            print(error, file=sys.stderr)
            return 1
    return 0


def _wait_for_interrupt() -> None:
    """Until Ctrl+C or SIGTERM: both unwind the caller's ``with`` blocks, which stop nginx."""
    import signal
    import time

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass


def _serve_fallback(site: Path, host: str, port: int, why: str) -> int:
    """The Python stand-in for nginx, for writers on a machine without it."""
    from .perf.server import serve

    print(f"{why}\nServing with the Python stand-in instead (no security headers).")
    with serve(site, port=port, host=host, compress=True) as url:
        print(f"Serving {site} on {url}/ (Ctrl+C to stop)")
        _wait_for_interrupt()
    return 0


def cmd_dist(args: argparse.Namespace) -> int:
    """Build for the public address and pack a folder ready to upload (site/ with .gz, nginx/csp.conf)."""
    from .build import BuildError
    from .deploy.dist import DistError, make_dist

    url = args.site_url or os.environ.get("MINGBAI_SITE_URL", "")
    if not url:
        print("mingbai dist: give the public address: --site-url https://… (or set MINGBAI_SITE_URL)",
              file=sys.stderr)
        return 1
    project = Project(args.root)
    out = args.out if args.out.is_absolute() else Path(args.root) / args.out
    try:
        packed = make_dist(project, url, out, args.laws)
    except ContentError as error:
        return _report(error.problems)
    except (BuildError, DistError) as error:
        print(error, file=sys.stderr)
        return 1
    print(f"Packed {out}: {packed.files} files in site/; {packed.compressed} text files with a .gz and .br beside "
          f"them ({packed.raw_bytes / 1e6:.2f} MB → gzip {packed.gzip_bytes / 1e6:.2f} MB, brotli "
          f"{packed.brotli_bytes / 1e6:.2f} MB); the policy in nginx/csp.conf.")
    return 0


def parser() -> argparse.ArgumentParser:
    """The argument parser, with one sub-command per job."""
    main = argparse.ArgumentParser(prog="mingbai", description="明白账 content checks, build and search.")
    main.add_argument("--root", type=Path, default=Path.cwd(), help="project folder (default: current)")
    sub = main.add_subparsers(dest="command", required=True)

    check = sub.add_parser("check", help="validate all articles")
    check.add_argument("--laws", type=Path, help=LAWS_HELP)
    check.set_defaults(func=cmd_check)

    build = sub.add_parser("build", help="check, then build site/ and search_index/ atomically")
    build.add_argument("--laws", type=Path, help=LAWS_HELP)
    build.add_argument("--site-url", help=f"the public address for deployment (default: ${settings.SITE_URL_ENV}, "
                       "else mkdocs.yml's loopback address, which prints a warning)")
    build.set_defaults(func=cmd_build)

    serve = sub.add_parser("serve", help="build, then serve site/ on 127.0.0.1")
    serve.add_argument("--laws", type=Path)
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.set_defaults(func=cmd_serve)

    dist = sub.add_parser("dist", help="build for the public address and pack a folder to upload")
    dist.add_argument("--site-url", help="the public address, https://… (default: $MINGBAI_SITE_URL)")
    dist.add_argument("--out", type=Path, default=Path("dist"), help="the folder to write (default: dist)")
    dist.add_argument("--laws", type=Path, help="folder of law texts to verify quotes against")
    dist.set_defaults(func=cmd_dist)

    urls = sub.add_parser("urls", help="check the URL registry, or --update it with new pages")
    urls.add_argument("--update", action="store_true")
    urls.set_defaults(func=cmd_urls)

    from .editing.commands import register as register_editing
    from .laws.command import register as register_laws
    from .search.command import register

    register(sub)
    register_laws(sub)  # issue 12
    register_editing(sub)  # issue 17
    return main


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``mingbai`` command."""
    # MkDocs 1.x and its plugins print long notices about MkDocs 2; the pins in requirements.lock
    # already keep us on 1.x (DESIGN.md), so the notices only bury real problems.
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    os.environ.setdefault("DISABLE_MKDOCS_2_WARNING", "true")
    args = parser().parse_args(argv)
    try:
        return int(args.func(args))
    except settings.SettingError as error:  # e.g. MINGBAI_TODAY that is not a date
        print(f"mingbai: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # `mingbai review | head`: the reader has seen enough
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except TaxonomyError as error:  # every command needs the taxonomy: its problems, located, all at once
        for problem in error.problems:
            print(problem, file=sys.stderr)
        print(f"{len(error.problems)} problem(s) found.", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
