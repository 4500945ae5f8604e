"""Deploying the built site: the packed folder (``dist``), its Content-Security-Policy, the headers each
file is served with, the nginx the tests run with the shipped ``deploy/nginx.conf``, and the upload
commands for object storage behind a CDN. Nothing here runs during an ordinary ``mingbai build``.
"""
