"""Wikitext to Markdown, through mwparserfromhell's node tree (no regular expressions over
the markup): headings, emphasis, lists, definition lists, tables, internal and external
links, <ref> footnotes, code and pre. Templates and parser functions cannot be translated:
they are removed and returned (`Converted.dropped`) with their parameters, so the note on
the revision can list them. Categories are returned as tags; file and image links become
links to the source wiki (the XML carries no file bytes).

The Markdown is member text like any other: the article render sanitises it (scripts and
`javascript:` links never survive core.markup), so nothing here has to be trusted.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import quote

import mwparserfromhell
from mwparserfromhell.nodes import (
    Argument,
    Comment,
    ExternalLink,
    Heading,
    HTMLEntity,
    Tag,
    Template,
    Text,
    Wikilink,
)

# How much of a dropped template the note keeps (templates can be huge: infobox tables).
DROPPED_MAX = 200
PARAM_VALUE_MAX = 500
PARAMS_MAX = 40
MAGIC_WORD_RE = re.compile(r"__[A-Z]{3,20}__")
LINK_TRAIL_RE = re.compile(r"[^\W\d_]*")
REDIRECT_RE = re.compile(r"^\s*#\s*REDIRECT\s*:?\s*\[\[([^\]|#\n]+)", re.IGNORECASE)
FILE_OPTION_RE = re.compile(
    r"^(thumb|thumbnail|frame|frameless|left|right|center|centre|none|upright|border|"
    r"baseline|middle|top|bottom|sub|super|text-top|text-bottom|\d*x?\d+px|"
    r"(link|alt|upright|page|class|lang|thumbtime|start|end)\s*=.*)$", re.IGNORECASE)
FILE_NAMESPACES = {"file", "image"}
MEDIA_NAMESPACE = "media"
ALT_RE = re.compile(r"^alt\s*=\s*(.*)$", re.IGNORECASE | re.DOTALL)
CATEGORY_NAMESPACES = {"category"}
DROPPED_TAGS = {"script", "style", "references", "templatedata", "indicator", "noinclude",
                "onlyinclude"}
CODE_TAGS = {"pre", "source", "syntaxhighlight"}
INLINE_HTML = {"sub", "sup", "u", "s", "del", "ins", "small", "kbd", "abbr", "mark"}
LIST_MARKUP = {"*", "#", ";", ":"}


@dataclass
class Converted:
    markdown: str
    dropped: list[dict] = field(default_factory=list)  # {"name": ..., "params": {...}}
    categories: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)  # internal link targets, as written
    files: list[str] = field(default_factory=list)  # File:/Image: names linked
    # Imported images linked with no caption or alt text: their name is the alt text.
    untexted: list[str] = field(default_factory=list)


def redirect_target(wikitext: str) -> str | None:
    """The page a `#REDIRECT [[Target]]` page points to (None if it is not a redirect)."""
    match = REDIRECT_RE.match(wikitext or "")
    return " ".join(match.group(1).replace("_", " ").split()) if match else None


def _identity(title: str) -> str:
    return title


class _Converter:
    def __init__(self, link_title: Callable[[str], str], source_url: str,
                 namespaces: set[str], file_link: Callable[[str], object] | None = None):
        self.link_title = link_title
        self.file_link = file_link or (lambda _name: None)
        self.source_url = source_url.rstrip("/")
        self.namespaces = {name.lower() for name in namespaces}
        self.result = Converted("")
        self.notes: list[tuple[str, str]] = []  # (label, Markdown)
        self.named_notes: dict[str, str] = {}

    # ------------------------------------------------------------ the tree

    def nodes(self, nodes, inline: bool = False) -> str:
        out: list[str] = []
        nodes = list(nodes)
        index = 0
        while index < len(nodes):
            node = nodes[index]
            if not inline and _is_list_marker(node):
                # A list line: its markers are consecutive tags; its text runs to the line end.
                markers = []
                while index < len(nodes) and _is_list_marker(nodes[index]):
                    markers.append(str(nodes[index].wiki_markup))
                    index += 1
                line = []
                while index < len(nodes):
                    current = nodes[index]
                    if isinstance(current, Text) and "\n" in str(current.value):
                        head, _newline, tail = str(current.value).partition("\n")
                        line.append(Text(head))
                        nodes[index] = Text("\n" + tail)
                        break
                    if isinstance(current, Tag) and str(current.wiki_markup or "") == ":" \
                            and markers[-1] == ";":
                        break  # "; term : definition" on one line
                    line.append(current)
                    index += 1
                out.append(self.list_line(markers, self.nodes(line, inline=True).strip()))
                self._after_term = markers[-1] == ";" or (
                    markers[-1] == ":" and out[-1].startswith("\n\x01: "))
                continue
            if isinstance(node, Wikilink) and index + 1 < len(nodes) and isinstance(
                    nodes[index + 1], Text):
                # A link trail: [[library]]s reads "libraries" as the link's label.
                following = str(nodes[index + 1].value)
                trail = LINK_TRAIL_RE.match(following).group(0)
                if trail:
                    nodes[index + 1] = Text(following[len(trail):])
                text = self.wikilink(node, trail)
            else:
                text = self.node(node, inline)
            if not inline and text.strip():
                self._after_term = False
            out.append(text)
            index += 1
        return "".join(out)

    def list_line(self, markers: list[str], text: str) -> str:
        depth = len(markers) - 1
        last = markers[-1]
        indent = "    " * depth
        if last == "*":
            return f"\n\x01{indent}- {text}"
        if last == "#":
            return f"\n\x01{indent}1. {text}"
        if last == ";":
            return f"\n\x01{text}"
        if ";" in markers[:-1] or self._after_term:
            return f"\n\x01: {text}"
        return f"\n\x01> {text}"

    _after_term = False

    def node(self, node, inline: bool) -> str:
        if isinstance(node, Text):
            return self.text(str(node.value))
        if isinstance(node, HTMLEntity):
            return node.normalize()
        if isinstance(node, Comment | Argument):
            return ""
        if isinstance(node, Heading):
            title = self.nodes(node.title.nodes, inline=True).strip()
            return f"\n\n{'#' * max(1, min(node.level, 6))} {title}\n\n"
        if isinstance(node, Wikilink):
            return self.wikilink(node)
        if isinstance(node, ExternalLink):
            url = str(node.url).strip()
            if node.title is None or not str(node.title).strip():
                return f"<{url}>" if node.brackets else url
            label = self.nodes(node.title.nodes, inline=True).strip()
            return f"[{_label(label)}]({_url(url)})"
        if isinstance(node, Template):
            self.drop(node)
            return ""
        if isinstance(node, Tag):
            return self.tag(node, inline)
        return str(node)

    def text(self, value: str) -> str:
        value = MAGIC_WORD_RE.sub("", value)
        # A line's leading spaces are preformatting in wikitext; four of them are code in
        # Markdown, which the author did not write: keep the words, not the indent.
        return re.sub(r"\n[ \t]+(?=\S)", "\n", value)

    def drop(self, template: Template) -> None:
        if len(self.result.dropped) >= DROPPED_MAX:
            return
        params = {}
        for param in template.params[:PARAMS_MAX]:
            params[str(param.name).strip()[:100]] = str(param.value).strip()[:PARAM_VALUE_MAX]
        self.result.dropped.append({"name": " ".join(str(template.name).split())[:200],
                                    "params": params})

    def wikilink(self, node: Wikilink, trail: str = "") -> str:
        raw = " ".join(str(node.title).replace("_", " ").split())
        leading_colon = raw.startswith(":")
        target = raw.lstrip(":").strip()
        prefix, colon, rest = target.partition(":")
        namespace = prefix.strip().lower() if colon else ""
        label = (self.nodes(node.text.nodes, inline=True).strip() if node.text is not None
                 else "")
        if trail:
            label = (label or raw.lstrip(":").strip()) + trail
        if namespace in CATEGORY_NAMESPACES and not leading_colon:
            self.result.categories.append(rest.strip())
            return ""
        if namespace in FILE_NAMESPACES and not leading_colon or \
                namespace == MEDIA_NAMESPACE:
            return self.file(node, namespace, target, rest.strip(), label)
        if namespace and (namespace in self.namespaces or leading_colon):
            if not self.source_url:
                return _label(label or target)
            return f"[{_label(label or target)}]({_url(self.source_page(target))})"
        page = target.partition("#")[0].strip()
        if not page:  # [[#Section]]: a link within the page
            return label or target.lstrip("#")
        self.result.links.append(page)
        title = self.link_title(page)
        label = _label(label)
        if not label or label == title:
            return f"[[{title}]]"
        return f"[[{title}|{label}]]"

    def file(self, node: Wikilink, namespace: str, target: str, name: str,
             label: str) -> str:
        """[[File:Name.jpg|thumb|alt=...|Caption]] and [[Media:Name.pdf|label]]: the
        imported file when there is one, else a link to the file's page on the wiki."""
        self.result.files.append(name)
        parts = [self.nodes(part.nodes, inline=True).strip() for part in
                 _split_pipes(node.text)] if node.text is not None else []
        alt = next((ALT_RE.match(part).group(1).strip() for part in parts
                    if ALT_RE.match(part)), "")
        captions = [part for part in parts if part and not FILE_OPTION_RE.match(part)]
        caption = captions[-1] if captions else ""
        found = self.file_link(name)
        if found is not None:
            if found.is_image and namespace != MEDIA_NAMESPACE:
                text = alt or caption
                if not text:
                    self.result.untexted.append(name)
                    text = found.alt
                return f"![{_label(text)}]({_url(found.url)})"
            return f"[{_label(caption or label or found.name)}]({_url(found.url)})"
        if namespace == MEDIA_NAMESPACE:
            target = "File:" + name
        text = _label(caption or alt or name)
        if not self.source_url:  # nowhere to link to: the caption alone
            return text
        return f"[{text}]({_url(self.source_page(target))})"

    def source_page(self, title: str) -> str:
        return f"{self.source_url}/{quote(title.replace(' ', '_'), safe=':/()')}"

    def tag(self, node: Tag, inline: bool) -> str:
        name = str(node.tag).strip().lower()
        markup = str(node.wiki_markup or "")
        inner = node.contents.nodes if node.contents is not None else []
        if markup == "''" or name in {"i", "em"}:
            return _wrap("*", self.nodes(inner, inline=True))
        if markup == "'''" or name in {"b", "strong"}:
            return _wrap("**", self.nodes(inner, inline=True))
        if name == "hr":
            return "\n\n---\n\n"
        if name == "br":
            return " " if inline else "  \n"
        if name in DROPPED_TAGS:
            return ""
        if name == "ref":
            return self.ref(node)
        if name == "nowiki":
            return str(node.contents or "")
        if name in CODE_TAGS:
            return self.code_block(node, name)
        if name in {"code", "tt", "samp", "var"}:
            code = str(node.contents or "").replace("\n", " ")
            fence = "``" if "`" in code else "`"
            return f"{fence}{code}{fence}" if code.strip() else ""
        if name == "math":
            return f"`{str(node.contents or '').strip()}`"
        if name == "table":
            return self.table(node)
        if name == "blockquote":
            body = self.nodes(inner).strip()
            return "\n\n" + "\n".join("> " + line for line in body.splitlines()) + "\n\n"
        if name in INLINE_HTML:
            return f"<{name}>{self.nodes(inner, inline=True)}</{name}>"
        if name in {"li", "dt", "dd"}:  # an HTML list item outside list markup
            return self.nodes(inner, inline)
        if name in {"ul", "ol", "dl", "div", "span", "p", "center", "font", "big", "gallery",
                    "poem", "tr", "td", "th", "caption"}:
            body = self.nodes(inner, inline)
            return body if inline or name in {"span", "font", "big"} else f"\n\n{body}\n\n"
        return self.nodes(inner, inline)

    def ref(self, node: Tag) -> str:
        name = _attribute(node, "name")
        contents = self.nodes(node.contents.nodes, inline=True).strip() \
            if node.contents is not None else ""
        if name and name in self.named_notes:
            label = self.named_notes[name]
            if contents and not any(text for key, text in self.notes if key == label):
                self.notes = [(key, contents if key == label else text)
                              for key, text in self.notes]
            return f"[^{label}]"
        label = str(len(self.notes) + 1)
        self.notes.append((label, contents))
        if name:
            self.named_notes[name] = label
        return f"[^{label}]"

    def code_block(self, node: Tag, name: str) -> str:
        code = str(node.contents or "").strip("\n")
        language = re.sub(r"[^a-z0-9+#-]", "", (_attribute(node, "lang") or "").lower())[:30]
        fence = "~~~~" if "```" in code else "```"
        return f"\n\n{fence}{language if name != 'pre' else ''}\n{code}\n{fence}\n\n"

    def table(self, node: Tag) -> str:
        rows: list[tuple[list[str], bool]] = []
        caption = ""
        for child in node.contents.nodes if node.contents is not None else []:
            if not isinstance(child, Tag):
                continue
            child_name = str(child.tag).lower()
            if child_name == "caption":
                caption = self.cell(child)
            elif child_name == "tr":
                cells, header = [], True
                for cell in child.contents.nodes if child.contents is not None else []:
                    if isinstance(cell, Tag) and str(cell.tag).lower() in {"td", "th"}:
                        cells.append(self.cell(cell))
                        header = header and str(cell.tag).lower() == "th"
                if cells:
                    rows.append((cells, header))
            elif child_name in {"td", "th"}:  # cells before the first |- row
                if not rows:
                    rows.append(([], True))
                rows[-1][0].append(self.cell(child))
        if not rows:
            return ""
        width = max(len(cells) for cells, _header in rows)
        rows = [(cells + [""] * (width - len(cells)), header) for cells, header in rows]
        head, *body = rows
        if not head[1] and not body:
            body = [head]
            head = ([""] * width, True)
        lines = ["| " + " | ".join(head[0]) + " |", "|" + " --- |" * width]
        lines += ["| " + " | ".join(cells) + " |" for cells, _header in body]
        text = "\n".join(lines)
        if caption:
            text = f"**{caption}**\n\n{text}"
        return f"\n\n{text}\n\n"

    def cell(self, cell: Tag) -> str:
        text = self.nodes(cell.contents.nodes, inline=True) if cell.contents is not None else ""
        text = " ".join(text.replace("\x01", "").split())
        return text.replace("|", "\\|")

    # ------------------------------------------------------------ the whole

    def convert(self, wikitext: str) -> Converted:
        parsed = mwparserfromhell.parse(wikitext or "")
        body = self.nodes(parsed.nodes)
        if self.notes:
            body += "\n\n" + "\n".join(f"[^{label}]: {text or '(empty note)'}"
                                       for label, text in self.notes)
        self.result.markdown = _tidy(body)
        self.result.categories = list(dict.fromkeys(c for c in self.result.categories if c))
        self.result.links = list(dict.fromkeys(self.result.links))
        return self.result


def _split_pipes(code) -> list:
    """A link's text split at its top-level pipes (a caption's own links keep theirs)."""
    parts, current = [], []
    for item in code.nodes:
        if isinstance(item, Text) and "|" in str(item.value):
            pieces = str(item.value).split("|")
            current.append(Text(pieces[0]))
            for piece in pieces[1:]:
                parts.append(mwparserfromhell.wikicode.Wikicode(current))
                current = [Text(piece)]
        else:
            current.append(item)
    parts.append(mwparserfromhell.wikicode.Wikicode(current))
    return parts


def _is_list_marker(node) -> bool:
    return isinstance(node, Tag) and str(node.wiki_markup or "") in LIST_MARKUP and str(
        node.tag).lower() in {"li", "dt", "dd"}


def _attribute(node: Tag, name: str) -> str:
    for attribute in node.attributes:
        if str(attribute.name).strip().lower() == name:
            return str(attribute.value or "").strip().strip("\"'")
    return ""


def _wrap(marker: str, text: str) -> str:
    stripped = text.strip()
    if not stripped:
        return text
    lead = text[:len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()):]
    return f"{lead}{marker}{stripped}{marker}{trail}"


def _label(text: str) -> str:
    return " ".join(text.replace("[", "(").replace("]", ")").replace("|", "/").split())


def _url(url: str) -> str:
    return url.replace(" ", "%20").replace("(", "%28").replace(")", "%29")


def _tidy(text: str) -> str:
    """Blank lines where Markdown needs them (around a list, none inside it), at most one;
    list lines carry a \x01 mark until here."""
    text = text.replace("\r\n", "\n")
    text = re.sub(r"(\x01[^\n]*)\n(?:[ \t]*\n)+(?=\x01)", r"\1\n", text)  # inside a list
    text = re.sub(r"(^|\n)([^\x01\n][^\n]*)\n(?=\x01)", r"\1\2\n\n", text)  # before one
    text = re.sub(r"(\x01[^\n]*)\n(?=[^\x01\n])", r"\1\n\n", text)  # after one
    lines, kind = [], None
    for line in text.split("\n"):
        marked = line.startswith("\x01")
        line = line.replace("\x01", "").rstrip()
        top = _list_kind(line) if marked else None
        if marked and top and kind and top != kind and lines and lines[-1]:
            lines.append("")  # a list of another kind starts: Markdown needs a blank line
        kind = top or (kind if marked else None)
        lines.append(line)
    text = "\n".join(lines)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip() + "\n" if text.strip() else ""


def _list_kind(line: str) -> str | None:
    """Which kind of list a top-level list line starts (None when it is nested)."""
    for marker, kind in (("- ", "ul"), ("1. ", "ol"), (": ", "dl"), ("> ", "quote")):
        if line.startswith(marker):
            return kind
    return None if line.startswith(" ") else "dl"


def wikitext_to_markdown(wikitext: str, *, link_title: Callable[[str], str] = _identity,
                         source_url: str = "", namespaces: set[str] | None = None,
                         file_link: Callable[[str], object] | None = None) -> Converted:
    """Convert one revision's wikitext. `link_title` maps a wiki page title to the title of
    the article it became here (a title changed by a collision); `source_url` is where the
    source wiki's pages are (for file links); `namespaces` are the dump's namespace names;
    `file_link` maps a File: name to the imported file (transfer.wiki_files.FileLink), or
    None when it was not imported."""
    return _Converter(link_title, source_url or "", namespaces or set(),
                      file_link).convert(wikitext)
