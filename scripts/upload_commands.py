"""Print the commands that upload a packed site (``make dist``) to object storage behind a CDN.

Usage: python scripts/upload_commands.py [DIST] --bucket NAME [--endpoint-url URL] [--distribution ID]
       python scripts/upload_commands.py [DIST] --rclone REMOTE:BUCKET

Each object gets its Content-Type, Cache-Control and, for text, the .gz bytes with Content-Encoding:
gzip; the CDN gets the security headers and CSP (mingbai/deploy/objectstore.py). Nothing is run:
read the commands, then `python scripts/upload_commands.py … | sh`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from mingbai.deploy.objectstore import aws_commands, rclone_commands


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dist", type=Path, nargs="?", default=Path("dist"), help="the packed folder (default: dist)")
    tool = parser.add_mutually_exclusive_group(required=True)
    tool.add_argument("--bucket", help="S3 or S3-compatible bucket, for the AWS CLI")
    tool.add_argument("--rclone", metavar="REMOTE:BUCKET", help="an rclone remote and bucket")
    parser.add_argument("--endpoint-url", help="an S3-compatible store's endpoint (AWS CLI)")
    parser.add_argument("--distribution", help="CloudFront distribution id, to invalidate its copies")
    args = parser.parse_args(argv)
    if not (args.dist / "site" / "index.html").is_file() or not (args.dist / "nginx" / "csp.conf").is_file():
        print(f"{args.dist}: not a packed site: run `make dist SITE_URL=https://…` first", file=sys.stderr)
        return 1
    lines = (aws_commands(args.dist, args.bucket, args.endpoint_url, args.distribution) if args.bucket
             else rclone_commands(args.dist, args.rclone))
    print("#!/bin/sh\n# 明白账: upload " + str(args.dist) + " (printed by scripts/upload_commands.py)\nset -eu")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
