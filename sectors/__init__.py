"""Across sectors: practice from other kinds of library ("From other sectors" under each
article and solution, sector pages, the search filter "from other sectors than mine"),
and the check-by reminders and the editors' queue of overdue articles (the dates
themselves are the wiki's: wiki.checking)."""

from __future__ import annotations

from flask import Flask


def init_sectors(app: Flask) -> None:
    from jobs import register
    from sectors import matches, reminders, views

    app.register_blueprint(views.bp)
    from core.pagecache import FragmentCache

    # What other sectors take from each sector, counted over the whole site: kept briefly.
    app.extensions["sectors.takeaways"] = FragmentCache(max_entries=16, ttl=600)
    # The partnerships board is a package of its own, started with this part.
    from partners import init_partners

    init_partners(app)
    app.add_template_global(matches.section, "cross_sector_section")
    register(app, matches.JOB, matches.run_job, retries=2, retry_delay=30)
    register(app, "cross_sector_refresh", matches.refresh_all,
             every={"hour": "*/6", "minute": "41"})
    register(app, "check_reminders", reminders.send_reminders,
             every={"hour": "6", "minute": "23"})
