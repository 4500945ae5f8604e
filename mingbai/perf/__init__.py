"""Measuring the built site the way readers' phones meet it: served, compressed, loaded in a browser.

Used by ``scripts/budgets.py`` (page weight, search index, Lighthouse, build time); ``server.py`` is
``mingbai serve``'s stand-in for nginx where nginx is not installed. Nothing here runs during a site build.
"""
