"""Sharing (issue 5): link previews, social cards, the share panel, posters, feed, short links.

Everything is made at build time from local data: cards and posters are drawn with Pillow in the
local Noto CJK font, QR codes with zxing-cpp, so the built site asks no other host for anything and
tells no third party who reads what.

Modules: ``meta`` (Open Graph and Twitter tags), ``cards`` and ``poster`` (images), ``linebreak``
(Chinese line breaking for them), ``fonts``, ``cache`` (skip unchanged images), ``qr``, ``feeds``
(Atom and robots.txt), ``shortlinks`` (``/s/<id>/``), ``popular`` (404 page list), and ``site``,
which the MkDocs plugin calls.

Nothing is imported here: ``mingbai.project`` reads ``share.popular``, and a one-shot command such as
``mingbai search`` should not load Pillow, numpy and the QR writer for it. Import ``share.site``.
"""
