"""`flask orgs import FILE.csv`: organisations and their consortium memberships from a
spreadsheet, all or nothing.

Columns (a header row; order free; names in any case): `name` and `kind` required;
`sectors` (comma or semicolon separated), `country` (ISO 3166 two letters), `region`,
`isil`, `oclc`, `ror`, `wikidata`, `website`, `description`, `slug`, `parent` (ISIL or
slug), `consortium` (ISIL or slug) and `membership_role` (lead, member, associate)
optional. A row is matched to an organisation already there by ISIL, then by slug (the
`slug` column, or the one its name gives), so running a file twice changes nothing.

Every row is checked (the same cleaners as the web form) against what is already there and
what the rows above it made, with everything loaded once: the cost is a few queries, then
one insert per new row, whatever the file's size.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from core.errors import Problems, ValidationFailed
from core.extensions import db
from core.markup import slugify
from core.slugs import free_slug
from orgs import identifiers
from orgs import organisations as registry
from orgs.models import (
    MEMBERSHIP_ROLES,
    ConsortiumMembership,
    Organisation,
    OrganisationSector,
    OrganisationSlug,
)

REQUIRED = ("name", "kind")
OPTIONAL = ("sectors", "country", "region", "isil", "oclc", "ror", "wikidata", "website",
            "description", "slug", "parent", "consortium", "membership_role")
MAX_BYTES = 50 * 1024 * 1024
FIELDS = ("name", "kind", "country", "region", "isil", "oclc", "ror", "wikidata", "website",
          "description")


class FileRefused(Exception):
    """The file cannot be read at all (encoding, header): nothing was imported."""


@dataclass
class Report:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    memberships: int = 0
    refused: list[tuple[int, str]] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return self.created + self.updated + self.unchanged + len(self.refused)


def read_rows(data: bytes) -> list[tuple[int, dict[str, str]]]:
    """The rows, each with the line it starts on; FileRefused if it is not a UTF-8 CSV
    file with the required columns."""
    if len(data) > MAX_BYTES:
        raise FileRefused("The file is larger than 50 MB: split it.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        raise FileRefused(f"The file is not UTF-8 text (line {line}): save it from the "
                          "spreadsheet as “CSV UTF-8”.") from None
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [name.strip().lower() for name in next(reader)]
    except StopIteration:
        raise FileRefused("The file is empty.") from None
    except csv.Error as error:
        raise FileRefused(f"The header cannot be read: {error}.") from None
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise FileRefused(f"Missing column{'s' if len(missing) > 1 else ''}: "
                          f"{', '.join(missing)} (the first row names the columns).")
    unknown = [name for name in header if name and name not in REQUIRED + OPTIONAL]
    if unknown:
        raise FileRefused(f"Unknown column “{unknown[0][:40]}”: the columns are "
                          f"{', '.join(REQUIRED + OPTIONAL)}.")
    rows = []
    line = reader.line_num + 1
    try:
        for cells in reader:
            if any(cell.strip() for cell in cells):
                if len(cells) > len(header):
                    rows.append((line, {"__error__": f"{len(cells)} cells for "
                                                     f"{len(header)} columns"}))
                else:
                    rows.append((line, {name: _cell(name, cell) for name, cell in
                                        zip(header, cells, strict=False)}))
            line = reader.line_num + 1
    except csv.Error as error:
        raise FileRefused(f"Line {line} cannot be read: {error}.") from None
    return rows


def _cell(column: str, cell: str) -> str:
    """A cell's value: a line break inside a quoted cell (a wrapped spreadsheet cell) is a
    space, except in the description, which may have paragraphs."""
    return cell.strip() if column == "description" else " ".join(cell.split())


class Index:
    """Every organisation by ISIL and by slug, loaded once and kept as rows are added."""

    def __init__(self) -> None:
        self.by_isil: dict[str, Organisation] = {}
        self.by_slug: dict[str, Organisation] = {}
        for organisation in db.session.scalars(select(Organisation).options(
                selectinload(Organisation.sector_rows))):
            self.add(organisation)
        for old in db.session.scalars(select(OrganisationSlug)):
            kept = next((o for o in self.by_slug.values() if o.id == old.organisation_id),
                        None)
            if kept is not None:
                self.by_slug.setdefault(old.slug, kept)
        self.new_pairs: dict[tuple[int, int], tuple] = {}  # memberships to add, by objects
        self.lines: dict[str, int] = {}  # ISIL key -> the line of this file that had it
        self.changed: list[Organisation] = []  # created or updated: search hears of them
        self.pairs = {tuple(pair) for pair in db.session.execute(select(
            ConsortiumMembership.consortium_id, ConsortiumMembership.member_id))}

    def add(self, organisation: Organisation) -> None:
        if organisation.isil_key:
            self.by_isil[organisation.isil_key] = organisation
        self.by_slug[organisation.slug] = organisation

    def find(self, reference: str) -> Organisation | None:
        reference = reference.strip()
        return self.by_isil.get(reference.upper()) or self.by_slug.get(reference)

    def free_slug(self, name: str) -> str:
        base = free_slug(slugify(name, 70) or "organisation", registry.SLUG_RULE, "org")
        slug, number = base, 1
        while slug in self.by_slug:
            number += 1
            slug = f"{base}-{number}"
        return slug


def _clean(row: dict[str, str], index: Index):
    problems = Problems()
    values = {
        "name": problems.check(registry.clean_name, row.get("name", "")),
        "kind": problems.check(registry.clean_kind, row.get("kind", "").lower()),
        "country": problems.check(identifiers.clean_country, row.get("country", "")),
        "region": problems.check(registry.clean_region, row.get("region", "")),
        "isil": problems.check(identifiers.clean_isil, row.get("isil", "")),
        "oclc": problems.check(identifiers.clean_oclc, row.get("oclc", "")),
        "ror": problems.check(identifiers.clean_ror, row.get("ror", "")),
        "wikidata": problems.check(identifiers.clean_wikidata, row.get("wikidata", "")),
        "website": problems.check(identifiers.clean_url, row.get("website", ""), "website"),
        "description": problems.check(registry.clean_description, row.get("description", "")),
    }
    sectors = problems.check(registry.clean_sectors, row.get("sectors", ""))
    parent = consortium = None
    if row.get("parent"):
        parent = index.find(row["parent"])
        if parent is None:
            problems.add(f"parent “{row['parent'][:40]}” is not an ISIL or slug known here "
                         "or above this row", "parent")
    if row.get("consortium"):
        consortium = index.find(row["consortium"])
        if consortium is None:
            problems.add(f"consortium “{row['consortium'][:40]}” is not an ISIL or slug "
                         "known here or above this row", "consortium")
        elif not consortium.groups_members:
            problems.add(f"{consortium.name} is not a consortium or umbrella body",
                         "consortium")
    role = (row.get("membership_role") or "member").lower()
    if role not in MEMBERSHIP_ROLES:
        problems.add("membership_role is lead, member or associate", "membership_role")
    problems.raise_any()
    return values, sectors or [], parent, consortium, role


def _import_row(line: int, row: dict[str, str], index: Index, report: Report, user) -> None:
    if "__error__" in row:
        raise ValidationFailed(row["__error__"])
    values, sectors, parent, consortium, role = _clean(row, index)
    key = identifiers.isil_key(values["isil"])
    if key in index.lines:
        raise ValidationFailed(f"the ISIL {values['isil']} is already on line "
                               f"{index.lines[key]}")
    slug = row.get("slug") or slugify(values["name"], 70)
    found = (index.by_isil.get(key) if key else None) or index.by_slug.get(slug)
    if found is not None and key and found.isil_key not in (None, key):
        raise ValidationFailed(f"the slug {slug} is {found.name}'s, whose ISIL is "
                               f"{found.isil}")
    if key and key in index.by_isil and index.by_isil[key] is not found:
        raise ValidationFailed(f"the ISIL {values['isil']} is already "
                               f"{index.by_isil[key].name}'s")
    if found is not None and parent is not None and registry.would_loop(found, parent):
        raise ValidationFailed("the parent would put this organisation under itself")
    if found is not None and consortium is found:
        raise ValidationFailed("an organisation cannot be a member of itself")
    # Everything is checked: from here on the row is imported.
    unchanged = report.unchanged
    if found is None:
        found = Organisation(slug=row.get("slug") or index.free_slug(values["name"]),
                             created_by_id=getattr(user, "id", None), verified=True,
                             **values, isil_key=key, parent=parent,
                             sector_rows=[OrganisationSector(sector=s) for s in sectors])
        db.session.add(found)
        report.created += 1
    elif ({name: getattr(found, name) for name in FIELDS} == values
          and found.sectors == sectors and (parent is None or found.parent is parent)):
        report.unchanged += 1
    else:
        for name, value in values.items():
            setattr(found, name, value)
        found.isil_key = key
        if parent is not None:
            found.parent = parent
        if found.sectors != sectors:
            found.sector_rows = [OrganisationSector(sector=s) for s in sectors]
        report.updated += 1
    if report.unchanged == unchanged:
        index.changed.append(found)
    index.add(found)
    if key:
        index.lines[key] = line
    if consortium is not None:
        known = (consortium.id, found.id) in index.pairs if found.id and consortium.id else False
        pair = (id(consortium), id(found))
        if not known and pair not in index.new_pairs:
            index.new_pairs[pair] = (consortium, found, role)
            report.memberships += 1


def import_rows(rows: list[tuple[int, dict[str, str]]], *, user=None,
                progress: Callable[[int], None] | None = None) -> Report:
    """Import what can be; the report says what was refused and why (the caller decides
    whether anything is kept). Flushes, never commits."""
    index = Index()
    report = Report()
    for number, (line, row) in enumerate(rows, 1):
        try:
            _import_row(line, row, index, report, user)
        except ValidationFailed as error:
            report.refused.append((line, "; ".join(message for _f, message in error.errors)))
        if progress is not None:
            progress(number)
    db.session.flush()  # every new organisation has its id: one insert each, in order
    for organisation in index.changed:
        registry.changed(organisation)
    db.session.add_all(ConsortiumMembership(consortium_id=consortium.id, member_id=member.id,
                                            role=role)
                       for consortium, member, role in index.new_pairs.values())
    db.session.flush()
    return report
