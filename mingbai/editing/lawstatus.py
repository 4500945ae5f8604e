"""Which cited laws need an editor's look, for ``mingbai review``: texts on file that are not the ones in
force (``laws/laws.yml``: status ``amended`` or ``old-text``, with the caution to quote), and documents
the site names that have no text on file, so nothing checks what the articles say of them."""

from __future__ import annotations

from collections.abc import Callable

from ..project import Project


def law_status_for(project: Project) -> Callable[[str], str | None]:
    """A function from a cited law's name to why citing it needs a look (None when it is in force)."""
    library = project.law_library()

    def status(name: str) -> str | None:
        law = library.get(name)
        if law is not None:
            info = law.info
            if info is not None and info.warns:
                return f"{info.status_label} — {info.caution}"
            return None
        absent = library.absent(name)
        if absent is not None:
            return f"no text on file, so no check can read what is quoted or said of it ({absent.note})"
        return None

    return status
