"""Who the client is and what the site's address is, behind reverse proxies.

Two WSGI middlewares, installed by `install(app)` from create_app:

- Werkzeug's ProxyFix trusts `X-Forwarded-For` and `X-Forwarded-Proto` from exactly
  `PROXY_COUNT` proxies (0: from none, the peer is the client). Rate limits key on the
  address it yields, so visitors behind nginx are told apart and a visitor cannot choose
  their own address by sending the header. `X-Forwarded-Host` is never trusted.
- With `SITE_URL` set, every request is given that scheme and host, so that absolute URLs
  (`url_for(..., _external=True)`, `request.url_root`) name the site, never whatever a
  client put in its `Host` header; SERVER_NAME is set to it for URLs built outside a
  request.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix


def parse_site_url(site_url: str) -> tuple[str, str]:
    """(scheme, host[:port]) of SITE_URL; a clear error for anything else."""
    parts = urlsplit(site_url)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.username \
            or parts.password or parts.path.strip("/") or parts.query or parts.fragment:
        raise ValueError(f"SITE_URL must look like https://commonplace.example.org (a scheme "
                         f"and a host, no path), not {site_url!r}")
    return parts.scheme, parts.netloc.lower()


class SiteAddress:
    """Give every request the configured scheme and host."""

    def __init__(self, wsgi_app, site_url: str):
        self.wsgi_app = wsgi_app
        self.scheme, self.host = parse_site_url(site_url)

    def __call__(self, environ, start_response):
        environ["commonplace.client_host"] = environ.get("HTTP_HOST", "")
        environ["HTTP_HOST"] = self.host
        environ["wsgi.url_scheme"] = self.scheme
        return self.wsgi_app(environ, start_response)


def install(app: Flask) -> None:
    site_url = app.config.get("SITE_URL") or ""
    if site_url:
        app.wsgi_app = SiteAddress(app.wsgi_app, site_url)
        # The same address outside requests (the command line, jobs), and within them the
        # same host that SiteAddress gives every request.
        app.config["PREFERRED_URL_SCHEME"], app.config["SERVER_NAME"] = \
            parse_site_url(site_url)
    proxies = int(app.config.get("PROXY_COUNT") or 0)
    if proxies:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=0,
                                x_port=0, x_prefix=0)
