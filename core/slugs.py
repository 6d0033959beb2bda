"""Slugs that never shadow a page: the names a slug may not take come from the URL map.

A question titled "Vote??????" would have the address /questions/<id>/vote, which is
the vote button's POST route; a workgroup named "New" would sit at /workgroups/new, the
form that creates one. `sub_route_names(rule)` reads the app's routes for the literal
names that stand where the rule's last variable stands (under the same parent path), and
`free_slug` gives a slug that is none of them, adding the kind of thing ("edit-question")
when it would be. A route added later is reserved at once, without a list to update.
"""

from __future__ import annotations

from flask import current_app, has_app_context


def _segments(rule: str) -> list[str]:
    return rule.strip("/").split("/") if rule.strip("/") else []


def _shape(segments: list[str]) -> tuple[str, ...]:
    """A path's parent, with every variable part written as '*'."""
    return tuple("*" if "<" in segment else segment for segment in segments)


def _names_under(rules: list[str], rule: str) -> frozenset[str]:
    segments = _segments(rule)
    position = max(index for index, segment in enumerate(segments) if "<" in segment)
    parent = _shape(segments[:position])
    names = set()
    for other in rules:
        others = _segments(other)
        if len(others) > position and _shape(others[:position]) == parent:
            name = others[position]
            if name and "<" not in name:
                names.add(name.lower())
    return frozenset(names)


def sub_route_names(rule: str) -> frozenset[str]:
    """The literal names standing where `rule`'s last variable stands, in this app's URL
    map: for "/questions/<int:question_id>/<slug>", {"vote", "edit", "history", ...}."""
    if not has_app_context():
        return frozenset()
    cache = current_app.extensions.setdefault("commonplace.sub_route_names", {})
    if rule not in cache:
        cache[rule] = _names_under([r.rule for r in current_app.url_map.iter_rules()], rule)
    return cache[rule]


def free_slug(slug: str, rule: str, kind: str, also: frozenset[str] = frozenset()) -> str:
    """`slug`, or `slug-kind` if `slug` is the name of a page under the same parent."""
    taken = sub_route_names(rule) | also
    while slug and slug.lower() in taken:
        slug = f"{slug}-{kind}"
    return slug
