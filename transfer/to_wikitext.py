"""A revision back to wikitext, for the MediaWiki export: read from its stored HTML, which
core.markup rendered and sanitised (so only the allowlisted tags can occur), and written
out as headings, emphasis, lists, definition lists, tables, [[wikilinks]], external
links, <ref> footnotes, <pre> and <code>."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import unquote

from core.markup import WIKI_PREFIX

VOID = {"br", "hr", "img"}
WIKI_SPECIAL = re.compile(r"\[\[|\]\]|\{\{|\}\}|''|~~~|__[A-Z]+__|\n[*#:;= ]|\n----")


@dataclass
class _Node:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list = field(default_factory=list)  # _Node or str


class _TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = _Node("root")
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = _Node(tag, {name: value or "" for name, value in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index].tag == tag:
                del self.stack[index:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def _escape(text: str) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return f"<nowiki>{text}</nowiki>" if WIKI_SPECIAL.search(text) else text


class _Writer:
    def __init__(self, title_of: Callable[[str], str | None]):
        self.title_of = title_of
        self.notes: dict[str, str] = {}
        self.list_prefix = ""

    def children(self, node: _Node) -> str:
        return "".join(self.node(child) for child in node.children)

    def inline(self, node: _Node) -> str:
        return " ".join(self.children(node).split())

    def node(self, node) -> str:  # noqa: C901 - one case per tag, flat
        if isinstance(node, str):
            return _escape(node)
        tag, attrs = node.tag, node.attrs
        if tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            marks = "=" * int(tag[1])
            return f"\n{marks} {self.inline(node)} {marks}\n"
        if tag == "p":
            return f"\n{self.children(node).strip()}\n"
        if tag in {"strong", "b"}:
            return f"'''{self.children(node)}'''"
        if tag in {"em", "i"}:
            return f"''{self.children(node)}''"
        if tag == "a":
            return self.link(node)
        if tag in {"ul", "ol"}:
            saved = self.list_prefix
            self.list_prefix += "*" if tag == "ul" else "#"
            items = [self.node(child) for child in node.children if isinstance(child, _Node)]
            self.list_prefix = saved
            return "\n" + "".join(items)
        if tag == "li":
            text, nested = [], []
            for child in node.children:
                if isinstance(child, _Node) and child.tag in {"ul", "ol"}:
                    nested.append(self.node(child))
                elif isinstance(child, _Node) and child.tag == "p":
                    text.append(self.children(child))
                else:
                    text.append(self.node(child))
            line = " ".join("".join(text).split())
            return f"{self.list_prefix} {line}\n" + "".join(nested).lstrip("\n")
        if tag == "dl":
            return "\n" + "".join(self.node(child) for child in node.children
                                  if isinstance(child, _Node))
        if tag == "dt":
            return f"; {self.inline(node)}\n"
        if tag == "dd":
            return f": {self.inline(node)}\n"
        if tag == "table":
            return self.table(node)
        if tag == "pre":
            return f"\n<pre>{_raw(node)}</pre>\n"
        if tag == "code":
            return f"<code>{_raw(node)}</code>"
        if tag == "blockquote":
            return f"\n<blockquote>{self.children(node).strip()}</blockquote>\n"
        if tag == "hr":
            return "\n----\n"
        if tag == "br":
            return "<br />"
        if tag == "img":
            return _escape(attrs.get("alt", ""))
        if tag == "sup" and "id" in attrs and attrs["id"].startswith("fnref"):
            link = next((child for child in node.children if isinstance(child, _Node)), None)
            key = link.attrs.get("href", "").lstrip("#") if link else ""
            return f"<ref>{self.notes.get(key, '')}</ref>"
        if tag == "div" and "footnote" in attrs.get("class", ""):
            return ""
        if tag in {"sub", "sup", "u", "s", "del", "ins", "small", "kbd", "abbr", "mark", "q"}:
            return f"<{tag}>{self.children(node)}</{tag}>"
        return self.children(node)

    def link(self, node: _Node) -> str:
        href = node.attrs.get("href", "")
        classes = node.attrs.get("class", "").split()
        label = self.inline(node)
        if "footnote-backref" in classes:
            return ""
        if "wikilink" in classes or href.startswith(WIKI_PREFIX):
            slug = unquote(href[len(WIKI_PREFIX):]) if href.startswith(WIKI_PREFIX) else ""
            title = self.title_of(slug) or label
            return f"[[{title}]]" if title == label else f"[[{title}|{label}]]"
        if not href:
            return label
        return href if label == href else f"[{href} {label}]"

    def table(self, node: _Node) -> str:
        rows = []
        for row in _descendants(node, "tr"):
            cells = [cell for cell in row.children if isinstance(cell, _Node)
                     and cell.tag in {"th", "td"}]
            if not cells:
                continue
            if all(cell.tag == "th" for cell in cells):
                rows.append("! " + " !! ".join(self.inline(cell) for cell in cells))
            else:
                rows.append("| " + " || ".join(self.inline(cell) for cell in cells))
        return '\n{| class="wikitable"\n' + "\n|-\n".join(rows) + "\n|}\n"

    def collect_notes(self, root: _Node) -> None:
        for div in _descendants(root, "div"):
            if "footnote" not in div.attrs.get("class", ""):
                continue
            for item in _descendants(div, "li"):
                key = item.attrs.get("id", "")
                self.notes[key] = " ".join(self.children(item).split())


def _descendants(node: _Node, tag: str):
    for child in node.children:
        if isinstance(child, _Node):
            if child.tag == tag:
                yield child
            else:
                yield from _descendants(child, tag)


def _raw(node) -> str:
    if isinstance(node, str):
        return node.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return "".join(_raw(child) for child in node.children)


def html_to_wikitext(html: str, title_of: Callable[[str], str | None] = lambda slug: None
                     ) -> str:
    """Wikitext for a revision's sanitised HTML; `title_of` gives the title of the article
    at a slug (None for a missing one, whose link keeps its label)."""
    builder = _TreeBuilder()
    builder.feed(html or "")
    builder.close()
    writer = _Writer(title_of)
    writer.collect_notes(builder.root)
    text = writer.children(builder.root)
    text = re.sub(r"[ \t]+\n", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip() + "\n"
