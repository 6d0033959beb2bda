"""`flask orgs ...`: organisations from the command line."""

from __future__ import annotations

from flask.cli import AppGroup

orgs_cli = AppGroup("orgs", help="Organisations and consortia.")
