"""Measuring the built site the way readers' phones meet it: served, compressed, loaded in a browser.

Used by ``scripts/budgets.py`` (page weight, search index, Lighthouse, build time) and by the browser
tests (the static server). Nothing here runs during a site build.
"""
