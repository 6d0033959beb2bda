"""Demo members: a small, realistic community across the library sectors."""

from __future__ import annotations

from core import accounts
from core.extensions import db
from core.models import User

DEMO_PASSWORD = "reading-room-2026"  # noqa: S105 - published demo password

# username, display name, library, sector, role, bio
MEMBERS = [
    ("agnes.admin", "Agnes Whitfield", "Commonplace", "other", "admin",
     "Keeps Commonplace running. Former systems librarian."),
    ("eddie.editor", "Edmund Okafor", "Northshire County Libraries", "public", "editor",
     "Service development lead; curates the featured practice on Commonplace."),
    ("maria.lopez", "María López", "Riverside Public Library", "public", "member",
     "Runs the makerspace and the teen tech club at Riverside."),
    ("tom.chen", "Tom Chen", "Eastgate University Library", "academic", "member",
     "Information literacy coordinator; embedded in first-year writing."),
    ("priya.n", "Priya Nair", "St Columba's High School", "school", "member",
     "School librarian and reading-for-pleasure champion."),
    ("j.osei", "Jonas Osei", "Halden Medical Research Institute", "special", "member",
     "Clinical librarian: systematic searches and evidence summaries."),
    ("fiona.mcrae", "Fiona McRae", "Glenbrook Libraries", "public", "member",
     "Readers' advisory and book groups, twelve branches."),
    ("sam.k", "Samuel Kowalski", "Eastgate University Library", "academic", "member",
     "Digital preservation and the institutional repository."),
    ("lena.b", "Lena Bauer", "Westmere Regional Library", "public", "member",
     "Marketing and community engagement."),
    ("r.adeyemi", "Ruth Adeyemi", "Kingsford Academy", "school", "member",
     "Teacher librarian; inquiry-based learning."),
    ("h.tanaka", "Hiro Tanaka", "Marlow Law Society Library", "special", "member",
     "Legal information and current awareness services."),
    ("c.dubois", "Claire Dubois", "Lakeside College Library", "academic", "member",
     "Outreach and cross-sector partnerships with public libraries."),
    ("ben.walsh", "Ben Walsh", "Riverside Public Library", "public", "member",
     "Digital inclusion: device lending and help sessions."),
    ("amira.h", "Amira Haddad", "National Heritage Archive", "special", "member",
     "Digital collections and community archiving projects."),
]


def load_members() -> dict[str, User]:
    users = {}
    for username, name, library, sector, role, bio in MEMBERS:
        users[username] = accounts.register(
            username, f"{username.replace('.', '-')}@example.org", DEMO_PASSWORD, role=role,
            display_name=name, library=library, sector=sector, bio=bio)
    db.session.flush()
    return users
