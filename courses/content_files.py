"""The shipped curriculum and site pages as files: read, check and write them.

One Markdown file per page per language (``<name>.ky.md``, ``<name>.ru.md``) with YAML
front matter, under ``courses/content/``; the format is described in docs/content.md.
This module knows nothing about the database: it turns the files into page data (the
block format of ``cms.core.demo.Assets.stream``) and reports problems with file and line.
``courses.curriculum_import`` builds the Wagtail pages from that data.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from importlib import import_module
from pathlib import Path

import yaml
from markdown_it import MarkdownIt

CONTENT_ROOT = Path(__file__).resolve().parent / "content"
LANGUAGES = ("ky", "ru")
ART_MODULES = [
    "courses.demo_content.art_days_1_3",
    "courses.demo_content.art_days_4_6",
    "courses.demo_content.art_pages",
]
FILES_MANIFEST = "files.yaml"
FILES_FOLDER = "files"
FOLDER_PAGES = ("index", "day")
CODE_LANGUAGES = ("arduino", "python", "blocks", "text")
BLOCK_TYPES = ("quiz", "steps", "safety", "image", "code", "download", "video", "reflection")

# Front-matter keys of each page type: required, optional; and those that must be the
# same in both languages.
PAGE_TYPES = {
    "home": ({"title", "intro"}, set()),
    "curriculum": ({"slug", "title", "intro"}, set()),
    "day": ({"slug", "number", "title", "theme", "intro", "goals", "materials",
             "timetable"}, set()),
    "lesson": ({"slug", "track", "duration", "core", "title", "summary", "objectives"},
               {"needs_connection", "offline_path"}),
    "standard": ({"slug", "title", "intro"}, set()),
    "role-model": ({"slug", "title", "name", "profession", "quote", "intro"}, {"image"}),
    "university-guide": ({"slug", "title", "intro"}, {"dates"}),
    "university": ({"slug", "title", "intro", "city", "programmes"},
                   {"website", "ort_subjects"}),
}
# Where each page type may sit (the type of the folder page above it).
PARENT_TYPES = {
    "curriculum": {"home"},
    "day": {"curriculum"},
    "lesson": {"day"},
    "role-model": {"standard"},
    "university-guide": {"home"},
    "university": {"university-guide"},
    "standard": {"home", "standard"},
    "home": set(),
}
SHARED_KEYS = {"type", "slug", "number", "track", "duration", "core", "image", "website",
               "ort_subjects"}
TIMETABLE_SLOT = re.compile(r"^(\d{1,2}:\d{2})\s*[-–]\s*(\d{1,2}:\d{2})\s+(.+)$")
# A lesson's facilitator's guide: ``<lesson>.guide.<lang>.md`` next to the lesson's files.
GUIDE_SUFFIX = ".guide"
GUIDE_TEXT_LISTS = ("preparation", "safety")
GUIDE_TEXTS = ("fast_team", "slow_team")
GUIDE_KEYS = {"timing", "preparation", "materials", "mistakes", "fast_team", "slow_team",
              "safety"}
GUIDE_PER = ("per_team", "per_girl", "per_camp")
TIMING_ROW = re.compile(r"^(\d{1,3})\s+(\S.*)$")
ALLOWED_TAGS = {"p", "b", "i", "ul", "ol", "li", "h3"}


@dataclass
class Problem:
    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        try:
            shown = self.path.relative_to(Path.cwd())
        except ValueError:
            shown = self.path
        return f"{shown}:{self.line}: {self.message}"


class ContentError(Exception):
    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


@dataclass
class Source:
    """One language file of one page."""

    path: Path
    language: str
    meta: dict
    body: list[dict]
    line_of: dict = field(default_factory=dict)  # front-matter key -> line

    @property
    def name(self) -> str:
        return self.path.name[: -len(f".{self.language}.md")]


@dataclass
class PageSource:
    """A page in every language: its files, where it sits, and its data."""

    folder: Path  # relative to the content root
    name: str
    sources: dict[str, Source]
    guides: dict[str, Source] = field(default_factory=dict)  # a lesson's guide files

    @property
    def type(self) -> str:
        return self.first.meta.get("type", "")

    @property
    def first(self) -> Source:
        return next(iter(self.sources.values()))

    @property
    def slug(self) -> str:
        return self.first.meta.get("slug", "")

    @property
    def is_folder_page(self) -> bool:
        return self.name in FOLDER_PAGES

    def label(self) -> str:
        return str(self.folder / f"{self.name}.*.md")


# --- Markdown <-> the rich-text HTML the pages store ----------------------------------

_markdown = MarkdownIt("commonmark", {"html": False}).disable(["image", "link", "autolink"])


def markdown_to_html(text: str) -> str:
    """Markdown as the small HTML the lessons store: <p>, <b>, <i>, lists, <h3>."""
    html = _markdown.render(text.strip())
    html = (html.replace("<strong>", "<b>").replace("</strong>", "</b>")
            .replace("<em>", "<i>").replace("</em>", "</i>")
            .replace("&quot;", '"').replace("\n", ""))
    return html


def unsupported_tags(html: str) -> list[str]:
    return sorted({tag for tag in re.findall(r"</?([a-z0-9]+)", html)} - ALLOWED_TAGS)


class _HtmlToMarkdown(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.line = ""
        self.lists: list[list] = []  # [kind, counter]

    def _end_line(self, blank_after: bool):
        if self.line.strip():
            self.out.append(self.line)
        self.line = ""
        if blank_after and self.out and self.out[-1] != "":
            self.out.append("")

    def handle_starttag(self, tag, attrs):
        if tag in ("p", "h3"):
            self._end_line(True)
            self.line = "### " if tag == "h3" else ""
        elif tag in ("ul", "ol"):
            self._end_line(True)
            self.lists.append([tag, 0])
        elif tag == "li":
            self._end_line(False)
            kind = self.lists[-1]
            kind[1] += 1
            self.line = f"{kind[1]}. " if kind[0] == "ol" else "- "
        elif tag == "b":
            self.line += "**"
        elif tag == "i":
            self.line += "*"
        else:
            raise ValueError(f"unsupported tag <{tag}>")

    def handle_endtag(self, tag):
        if tag in ("p", "h3"):
            self._end_line(True)
        elif tag in ("ul", "ol"):
            self._end_line(True)
            self.lists.pop()
        elif tag == "li":
            self._end_line(False)
        elif tag == "b":
            self.line += "**"
        elif tag == "i":
            self.line += "*"

    def handle_data(self, data):
        text = re.sub(r"([\\`*\[<])", r"\\\1", data)
        text = re.sub(r"(?<![\w])_|_(?![\w])", r"\\_", text)
        if not self.line.strip(" #-0123456789.*"):
            # At the start of a line: not a heading, list or rule by accident.
            text = re.sub(r"^(\d+)([.)])", r"\1\\\2", text)
            text = re.sub(r"^([#+\-=>])", r"\\\1", text)
        self.line += text


def html_to_markdown(html: str) -> str:
    parser = _HtmlToMarkdown()
    parser.feed(html)
    parser.close()
    parser._end_line(False)
    while parser.out and parser.out[-1] == "":
        parser.out.pop()
    return "\n".join(parser.out)


# --- Reading ------------------------------------------------------------------------------

def _yaml_line(error: yaml.YAMLError, offset: int) -> tuple[int, str]:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    line = offset + (mark.line if mark else 0)
    problem = getattr(error, "problem", None) or str(error)
    return line, f"YAML: {problem}"


def _key_lines(text: str, offset: int) -> dict:
    return {match.group(1): offset + text[: match.start()].count("\n")
            for match in re.finditer(r"^([A-Za-z_][\w-]*):", text, re.M)}


def _markdown_field(value, path, line, problems, what) -> str:
    if not isinstance(value, str):
        problems.append(Problem(path, line, f"{what} must be text"))
        return ""
    html = markdown_to_html(value)
    bad = unsupported_tags(html)
    if bad:
        problems.append(Problem(path, line, f"{what}: only paragraphs, **bold**, *italic*, "
                                            f"lists and ### headings are kept (found {bad})"))
    return html


def _block(kind: str, info: list[str], data, path: Path, line: int, problems,
           files_dir: Path, lines: dict):
    """One fenced block's YAML as a page block, or None with a problem noted. ``line`` is
    the fence's line, ``lines`` the line of each key inside it."""
    if not isinstance(data, dict):
        problems.append(Problem(path, line, f"the {kind} block needs `key: value` lines"))
        return None

    def need(*keys):
        missing = [key for key in keys if data.get(key) in (None, "")]
        for key in missing:
            problems.append(Problem(path, line, f"the {kind} block has no {key}"))
        return not missing

    if kind == "quiz":
        if not need("question", "choices", "explanation"):
            return None
        choices = data["choices"]
        if not isinstance(choices, list) or len(choices) < 2:
            problems.append(Problem(path, line, "a quiz needs a list of at least two choices"))
            return None
        correct = data.get("correct")
        if correct is None:
            problems.append(Problem(path, line, "the quiz has no right answer (correct: N)"))
            return None
        if not isinstance(correct, int) or isinstance(correct, bool) \
                or not 1 <= correct <= len(choices):
            problems.append(Problem(
                path, lines.get("correct", line),
                f"the quiz's right answer {correct!r} is not one of its {len(choices)} "
                f"choices (1 to {len(choices)})"))
            return None
        return {"question": str(data["question"]), "choices": [str(c) for c in choices],
                "correct": correct, "explanation": str(data["explanation"])}
    if kind == "steps":
        if not need("steps"):
            return None
        steps = []
        for step in data["steps"]:
            if isinstance(step, str):
                steps.append({"text": step, "image": None})
            elif isinstance(step, dict) and step.get("text"):
                steps.append({"text": str(step["text"]), "image": step.get("image")})
            else:
                problems.append(Problem(path, line, "a step is text, or `text:` and `image:`"))
        return {"title": str(data.get("title") or ""), "steps": steps}
    if kind == "safety":
        if not need("title", "text"):
            return None
        return {"title": str(data["title"]),
                "text": _markdown_field(data["text"], path, line, problems, "safety text")}
    if kind == "image":
        if not need("image", "alt"):
            return None
        return {"image": str(data["image"]), "alt": str(data["alt"]),
                "caption": str(data.get("caption") or "")}
    if kind == "code":
        language = info[0] if info else ""
        if language not in CODE_LANGUAGES:
            problems.append(Problem(path, line, f"code language {language!r} is not one of "
                                                f"{', '.join(CODE_LANGUAGES)}"))
            return None
        if data.get("file"):
            sketch = files_dir / str(data["file"])
            if not sketch.is_file():
                problems.append(Problem(path, lines.get("file", line), f"no file {data['file']} in "
                                                    f"{files_dir.name}/"))
                return None
            return {"language": language, "code": sketch.read_text(encoding="utf-8")}
        if not need("code"):
            return None
        return {"language": language, "code": str(data["code"])}
    if kind == "download":
        if not need("file", "title"):
            return None
        return {"file": str(data["file"]), "title": str(data["title"]),
                "description": str(data.get("description") or "")}
    if kind == "video":
        if not need("title"):
            return None
        return {"title": str(data["title"]), "url": str(data.get("url") or ""),
                "transcript": _markdown_field(data.get("transcript") or "", path, line,
                                              problems, "video transcript")}
    if kind == "reflection":
        if not need("prompt"):
            return None
        return {"prompt": str(data["prompt"])}
    problems.append(Problem(path, line, f"unknown block ```{kind} (known: "
                                        f"{', '.join(BLOCK_TYPES)})"))
    return None


def parse_body(text: str, path: Path, first_line: int, problems: list[Problem],
               files_dir: Path) -> list:
    """The Markdown body as page blocks; each block remembers its line as ``_line``."""
    blocks: list[dict] = []
    prose: list[str] = []
    prose_line = first_line
    fence = None  # (kind, info, start line, lines)

    def flush():
        if "".join(prose).strip():
            html = markdown_to_html("\n".join(prose))
            bad = unsupported_tags(html)
            if bad:
                problems.append(Problem(
                    path, prose_line, "only paragraphs, **bold**, *italic*, lists and "
                                      f"### headings are kept in text (found {bad})"))
            blocks.append({"type": "paragraph", "value": html, "_line": prose_line})
        prose.clear()

    for number, line in enumerate(text.split("\n"), start=first_line):
        if fence is not None:
            if line.strip() == "```":
                kind, info, start, lines = fence
                fence = None
                try:
                    data = yaml.safe_load("\n".join(lines)) or {}
                except yaml.YAMLError as error:
                    problems.append(Problem(path, *_yaml_line(error, start + 1)))
                    continue
                key_lines = _key_lines("\n".join(lines), start + 1)
                value = _block(kind, info, data, path, start, problems, files_dir, key_lines)
                if value is not None:
                    blocks.append({"type": kind, "value": value, "_line": start,
                                   "_lines": key_lines})
            else:
                fence[3].append(line)
        elif line.startswith("```"):
            flush()
            words = line[3:].split()
            if not words:
                problems.append(Problem(path, number, "a fenced block needs its type, e.g. "
                                                      "```quiz"))
                words = ["?"]
            fence = (words[0], words[1:], number, [])
        elif line.strip() == "---":
            flush()
        else:
            if not "".join(prose).strip():
                prose_line = number
            prose.append(line)
    if fence is not None:
        problems.append(Problem(path, fence[2], f"the ```{fence[0]} block is never closed "
                                                "with ```"))
    flush()
    return blocks


def read_source(path: Path, problems: list[Problem], files_dir: Path) -> Source | None:
    language = path.name.rsplit(".", 2)[-2]
    text = path.read_text(encoding="utf-8").replace("\r\n", "\n")
    if not text.startswith("---\n"):
        problems.append(Problem(path, 1, "front matter must open the file with a line ---"))
        return None
    end = text.find("\n---\n", 3)
    if end < 0 and text.endswith("\n---"):
        end = len(text) - 4
    if end < 0:
        problems.append(Problem(path, 1, "front matter is not closed with a line ---"))
        return None
    front = text[4:end + 1]
    try:
        meta = yaml.safe_load(front) or {}
    except yaml.YAMLError as error:
        problems.append(Problem(path, *_yaml_line(error, 2)))
        return None
    if not isinstance(meta, dict):
        problems.append(Problem(path, 2, "front matter must be `key: value` lines"))
        return None
    body_line = front.count("\n") + 3
    body = parse_body(text[end + 5:], path, body_line, problems, files_dir)
    return Source(path, language, meta, body, _key_lines(front, 2))


def _asset_keys() -> tuple[set, dict]:
    drawings: set = set()
    for name in ART_MODULES:
        drawings.update(import_module(name).DRAWINGS)
    return drawings, {}


def read_files_manifest(root: Path, problems: list[Problem]) -> dict:
    """Download files: key -> (file name, path)."""
    manifest = root / FILES_MANIFEST
    if not manifest.exists():
        return {}
    try:
        data = yaml.safe_load(manifest.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as error:
        problems.append(Problem(manifest, *_yaml_line(error, 1)))
        return {}
    lines = _key_lines(manifest.read_text(encoding="utf-8"), 1)
    files = {}
    for key, relative in data.items():
        path = root / FILES_FOLDER / str(relative)
        if not path.is_file():
            problems.append(Problem(manifest, lines.get(key, 1), f"no file {relative}"))
            continue
        files[key] = (path.name, path)
    return files


def _check_page(page: PageSource, drawings: set, files: dict, problems: list[Problem]):
    for language in LANGUAGES:
        if language not in page.sources:
            other = page.first
            problems.append(Problem(other.path, 1, f"no {language} translation "
                                                   f"({page.name}.{language}.md is missing)"))
    for source in page.sources.values():
        meta, lines = source.meta, source.line_of
        kind = meta.get("type")
        if kind not in PAGE_TYPES:
            problems.append(Problem(source.path, lines.get("type", 1),
                                    f"unknown page type {kind!r} (known: "
                                    f"{', '.join(PAGE_TYPES)})"))
            continue
        required, optional = PAGE_TYPES[kind]
        for key in sorted(required - set(meta)):
            problems.append(Problem(source.path, 1, f"front matter has no {key}"))
        for key in sorted(set(meta) - required - optional - {"type"}):
            problems.append(Problem(source.path, lines.get(key, 1),
                                    f"unknown front-matter key {key!r}"))
        if kind == "lesson":
            from .models import Track

            tracks = Track.values
            if meta.get("track") is not None and meta.get("track") not in tracks:
                problems.append(Problem(source.path, lines.get("track", 1),
                                        f"unknown track {meta.get('track')!r} (known: "
                                        f"{', '.join(tracks)})"))
            if not isinstance(meta.get("duration", 0), int) or meta.get("duration", 1) <= 0:
                problems.append(Problem(source.path, lines.get("duration", 1),
                                        "duration is a number of minutes"))
            if not isinstance(meta.get("core", False), bool):
                problems.append(Problem(source.path, lines.get("core", 1),
                                        "core is true or false"))
            if not isinstance(meta.get("needs_connection", False), bool):
                problems.append(Problem(source.path, lines.get("needs_connection", 1),
                                        "needs_connection is true or false"))
            if meta.get("offline_path") and not meta.get("needs_connection"):
                problems.append(Problem(source.path, lines.get("offline_path", 1),
                                        "offline_path is only for a lesson with "
                                        "needs_connection: true"))
            offline = meta.get("offline_path", "")
            if not isinstance(offline, str) or "\n" in offline.strip() or len(offline) > 300:
                problems.append(Problem(source.path, lines.get("offline_path", 1),
                                        "offline_path is one line of text (at most 300 "
                                        "characters)"))
        if kind == "day":
            for slot in meta.get("timetable") or []:
                if not isinstance(slot, str) or not TIMETABLE_SLOT.match(slot):
                    problems.append(Problem(source.path, lines.get("timetable", 1),
                                            f"timetable line {slot!r} is not "
                                            "'09:00-09:30 what happens'"))
        for key in ("goals", "materials", "objectives", "programmes", "timetable"):
            if key in meta and not (isinstance(meta[key], list)
                                    and all(isinstance(item, str) for item in meta[key])):
                problems.append(Problem(source.path, lines.get(key, 1),
                                        f"{key} is a list of lines of text"))
        for key in ("slug", "title", "intro", "summary", "theme", "name", "profession",
                    "quote", "city", "website", "image"):
            if key in meta and not isinstance(meta[key], str):
                problems.append(Problem(source.path, lines.get(key, 1),
                                        f"{key} must be text (put it in quotes)"))
        if meta.get("image") and meta["image"] not in drawings:
            problems.append(Problem(source.path, lines.get("image", 1),
                                    f"unknown drawing {meta['image']!r}"))
        for block in source.body:
            value, line = block["value"], block["_line"]
            key_lines = block.get("_lines", {})
            keys = []
            if block["type"] == "image":
                keys = [value["image"]]
            elif block["type"] == "steps":
                keys = [step["image"] for step in value["steps"] if step.get("image")]
            for key in keys:
                if key not in drawings:
                    where = key_lines.get("image", line) if block["type"] == "image" else line
                    problems.append(Problem(source.path, where, f"unknown drawing {key!r}"))
            if block["type"] == "download" and value["file"] not in files:
                problems.append(Problem(source.path, key_lines.get("file", line),
                                        f"unknown file {value['file']!r} (not in "
                                        f"{FILES_MANIFEST})"))
    if len(page.sources) > 1:
        first, *others = page.sources.values()
        for other in others:
            for key in sorted(SHARED_KEYS):
                if first.meta.get(key) != other.meta.get(key):
                    problems.append(Problem(other.path, other.line_of.get(key, 1),
                                            f"{key} differs from {first.path.name}"))
            if first.meta.get("type") == "lesson":
                # Absent means false: compare the flag itself, not whether it was written.
                if first.meta.get("needs_connection", False) != \
                        other.meta.get("needs_connection", False):
                    problems.append(Problem(other.path,
                                            other.line_of.get("needs_connection", 1),
                                            f"needs_connection differs from "
                                            f"{first.path.name}"))
                if bool(first.meta.get("offline_path")) != bool(other.meta.get("offline_path")):
                    problems.append(Problem(other.path, other.line_of.get("offline_path", 1),
                                            "offline_path is in one language only (compare "
                                            f"{first.path.name})"))
            shape = [b["type"] for b in first.body]
            if [b["type"] for b in other.body] != shape:
                problems.append(Problem(other.path, 1, "its blocks differ from "
                                                       f"{first.path.name}'s (same blocks, "
                                                       "same order in both languages)"))
            for mine, theirs in zip(first.body, other.body, strict=False):
                if mine["type"] == theirs["type"] == "quiz" and \
                        mine["value"]["correct"] != theirs["value"]["correct"]:
                    problems.append(Problem(other.path, theirs["_line"],
                                            "the right answer differs from "
                                            f"{first.path.name}'s"))


# --- Facilitators' guides -----------------------------------------------------------------

def _attach_guides(pages: list[PageSource], guides: dict, problems: list[Problem]) -> None:
    by_key = {(page.folder, page.name): page for page in pages}
    for key, sources in guides.items():
        page = by_key.get(key)
        if page is None or page.type != "lesson":
            first = next(iter(sources.values()))
            problems.append(Problem(first.path, 1, f"a guide belongs to a lesson: there is no "
                                                   f"lesson {key[1]}.ky.md next to it"))
            continue
        page.guides = sources
        _check_guide(page, problems)


def _number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and value > 0


def _text_list(value) -> bool:
    return isinstance(value, list) and bool(value) and all(
        isinstance(item, str) and item.strip() for item in value)


def _check_guide(page: PageSource, problems: list[Problem]) -> None:
    """A guide's own shape in each language, then what both languages must share."""
    for language in LANGUAGES:
        if language not in page.guides:
            other = next(iter(page.guides.values()))
            problems.append(Problem(other.path, 1, f"no {language} translation of the guide "
                                                   f"({page.name}{GUIDE_SUFFIX}.{language}.md "
                                                   "is missing)"))
    duration = page.first.meta.get("duration")
    for source in page.guides.values():
        meta, lines, path = source.meta, source.line_of, source.path
        if source.body:
            problems.append(Problem(path, source.body[0]["_line"], "a guide is front matter "
                                                                   "only: nothing after its "
                                                                   "closing ---"))
        for key in sorted(GUIDE_KEYS - set(meta)):
            problems.append(Problem(path, 1, f"the guide has no {key}"))
        for key in sorted(set(meta) - GUIDE_KEYS):
            problems.append(Problem(path, lines.get(key, 1), f"unknown guide key {key!r}"))
        timing = meta.get("timing")
        if "timing" in meta:
            rows = timing if isinstance(timing, list) else [timing]
            bad = [row for row in rows
                   if not isinstance(row, str) or not TIMING_ROW.match(row.strip())
                   or int(TIMING_ROW.match(row.strip()).group(1)) <= 0]
            for row in bad:
                problems.append(Problem(path, lines.get("timing", 1),
                                        f"timing row {row!r} is not '10 what happens' "
                                        "(minutes, then the text)"))
            if not bad and isinstance(timing, list):
                total = sum(int(TIMING_ROW.match(row.strip()).group(1)) for row in timing)
                if isinstance(duration, int) and total != duration:
                    problems.append(Problem(path, lines.get("timing", 1),
                                            f"the timing adds up to {total} minutes; the "
                                            f"lesson lasts {duration} (duration)"))
        for key in GUIDE_TEXT_LISTS:
            if key in meta and not _text_list(meta[key]):
                problems.append(Problem(path, lines.get(key, 1), f"{key} is a list of lines "
                                                                 "of text"))
        for key in GUIDE_TEXTS:
            if key in meta and not (isinstance(meta[key], str) and meta[key].strip()):
                problems.append(Problem(path, lines.get(key, 1), f"{key} is text"))
        for item in meta.get("materials") or []:
            where = lines.get("materials", 1)
            if not isinstance(item, dict) or not isinstance(item.get("item"), str):
                problems.append(Problem(path, where, "a material is `item:` and one of "
                                                     f"{', '.join(GUIDE_PER)}"))
                continue
            pers = [key for key in GUIDE_PER if key in item]
            if len(pers) != 1 or set(item) - {"item", *GUIDE_PER}:
                problems.append(Problem(path, where, f"material {item['item']!r}: `item:` and "
                                                     f"exactly one of {', '.join(GUIDE_PER)}"))
            elif not _number(item[pers[0]]):
                problems.append(Problem(path, where, f"material {item['item']!r}: {pers[0]} "
                                                     f"must be a number, not "
                                                     f"{item[pers[0]]!r}"))
        if "materials" in meta and not isinstance(meta["materials"], list):
            problems.append(Problem(path, lines.get("materials", 1),
                                    "materials is a list of `- item:` entries"))
        mistakes = meta.get("mistakes")
        if "mistakes" in meta and not (isinstance(mistakes, list) and mistakes and all(
                isinstance(m, dict) and set(m) == {"seen", "do"}
                and all(isinstance(v, str) and v.strip() for v in m.values())
                for m in mistakes)):
            problems.append(Problem(path, lines.get("mistakes", 1),
                                    "mistakes is a list of `- seen:` (what you see) and "
                                    "`do:` (what to do)"))
    if len(page.guides) > 1:
        first, *others = page.guides.values()
        for other in others:
            if _timing_minutes(first.meta) != _timing_minutes(other.meta):
                problems.append(Problem(other.path, other.line_of.get("timing", 1),
                                        f"the timing's minutes differ from {first.path.name}"))
            if _quantities(first.meta) != _quantities(other.meta):
                problems.append(Problem(other.path, other.line_of.get("materials", 1),
                                        "the materials' quantities differ from "
                                        f"{first.path.name} (same items, same order)"))


def _timing_minutes(meta: dict) -> list:
    rows = meta.get("timing") if isinstance(meta.get("timing"), list) else []
    return [TIMING_ROW.match(row.strip()).group(1) if isinstance(row, str)
            and TIMING_ROW.match(row.strip()) else None for row in rows]


def _quantities(meta: dict) -> list:
    items = meta.get("materials") if isinstance(meta.get("materials"), list) else []
    return [sorted((key, value) for key, value in item.items() if key != "item")
            if isinstance(item, dict) else None for item in items]


def guide_data(page: PageSource, language: str) -> dict | None:
    """The lesson's guide in one language (None without one): timing rows with their
    minute from the lesson's start, the materials with their unit (``team``, ``girl``
    or ``camp``)."""
    source = page.guides.get(language)
    if source is None:
        return None
    meta = source.meta
    timing, start = [], 0
    for row in meta["timing"]:
        minutes, text = TIMING_ROW.match(row.strip()).groups()
        timing.append({"start": start, "end": start + int(minutes), "text": text.strip()})
        start += int(minutes)
    materials = []
    for item in meta["materials"]:
        per = next(key for key in GUIDE_PER if key in item)
        materials.append({"item": item["item"].strip(), "per": per[len("per_"):],
                          "quantity": item[per]})
    return {
        "timing": timing,
        "preparation": [line.strip() for line in meta["preparation"]],
        "materials": materials,
        "mistakes": [{"seen": m["seen"].strip(), "do": m["do"].strip()}
                     for m in meta["mistakes"]],
        "fast_team": meta["fast_team"].strip(),
        "slow_team": meta["slow_team"].strip(),
        "safety": [line.strip() for line in meta["safety"]],
    }


@dataclass
class Content:
    root: Path
    pages: list[PageSource]
    files: dict  # key -> (file name, path)

    def of_type(self, kind: str) -> list[PageSource]:
        return [page for page in self.pages if page.type == kind]

    def page(self, slug: str) -> PageSource:
        return next(page for page in self.pages if page.slug == slug)

    def parent_of(self, page: PageSource) -> PageSource | None:
        """The folder page of the page's folder (or of the folder above, for a folder
        page); None under the home page."""
        folder = page.folder.parent if page.is_folder_page else page.folder
        if page.is_folder_page and page.folder == Path("."):
            return None
        for candidate in self.pages:
            if candidate.is_folder_page and candidate.folder == folder:
                return candidate
        return None


def read_content(root: Path | str = CONTENT_ROOT) -> tuple[Content, list[Problem]]:
    """Every page under ``root`` with the problems found; nothing is written."""
    root = Path(root)
    problems: list[Problem] = []
    if not root.is_dir():
        return Content(root, [], {}), [Problem(root, 0, "no such folder")]
    grouped: dict[tuple, dict[str, Source]] = {}
    guides: dict[tuple, dict[str, Source]] = {}
    for path in sorted(root.rglob("*.md")):
        parts = path.name.split(".")
        if len(parts) < 3 or parts[-2] not in LANGUAGES:
            if path.name.lower() != "readme.md":
                problems.append(Problem(path, 1, "a page file is named <name>.ky.md or "
                                                 "<name>.ru.md"))
            continue
        source = read_source(path, problems, root / FILES_FOLDER)
        if source is None:
            continue
        if source.name.endswith(GUIDE_SUFFIX):
            key = (path.parent.relative_to(root), source.name[: -len(GUIDE_SUFFIX)])
            guides.setdefault(key, {})[source.language] = source
            continue
        key = (path.parent.relative_to(root), source.name)
        grouped.setdefault(key, {})[source.language] = source
    pages = [PageSource(folder, name, sources) for (folder, name), sources in grouped.items()]
    _attach_guides(pages, guides, problems)
    # Depth first in file-name order, a folder's page before what is in the folder:
    # parents are made before their children, and siblings keep the files' order.
    pages.sort(key=lambda p: p.folder.parts + (() if p.is_folder_page else (p.name,)))
    by_folder = {page.folder: page for page in pages if page.is_folder_page}
    for page in pages:
        parent_folder = page.folder.parent if page.is_folder_page else page.folder
        if page.is_folder_page and page.folder == Path("."):
            continue
        parent = by_folder.get(parent_folder)
        allowed = PARENT_TYPES.get(page.type)
        if parent is None and parent_folder != Path("."):
            problems.append(Problem(page.first.path, 1, f"{parent_folder} has no folder page "
                                                        "(index.ky.md / index.ru.md)"))
        elif allowed and (parent.type if parent else "home") not in allowed:
            problems.append(Problem(page.first.path, page.first.line_of.get("type", 1),
                                    f"a {page.type} page cannot sit under a "
                                    f"{parent.type if parent else 'home'} page"))
    files = read_files_manifest(root, problems)
    drawings, _ = _asset_keys()
    slugs: dict = {}
    for page in pages:
        _check_page(page, drawings, files, problems)
        parent = (page.folder.parent if page.is_folder_page else page.folder, page.slug)
        if page.slug and parent in slugs:
            problems.append(Problem(page.first.path, page.first.line_of.get("slug", 1),
                                    f"slug {page.slug!r} is also used by {slugs[parent]}"))
        slugs[parent] = page.first.path.name
    return Content(root, pages, files), problems


def load_content(root: Path | str = CONTENT_ROOT) -> Content:
    """The content, or ContentError listing every problem."""
    content, problems = read_content(root)
    if problems:
        raise ContentError(problems)
    return content


# --- Page data ---------------------------------------------------------------------------

def _blocks(source: Source) -> list[dict]:
    return [{"type": b["type"], "value": b["value"]} for b in source.body]


def _timetable(slots: list[str]) -> list[tuple[str, str, str]]:
    return [TIMETABLE_SLOT.match(slot).groups() for slot in slots]


def page_data(page: PageSource, language: str) -> dict:
    """The page's data in one language, with drawings and files still as keys; the
    same shape for every page type (only the keys that type has)."""
    source = page.sources[language]
    meta = dict(source.meta)
    meta.pop("type", None)
    if meta.get("timetable") is not None:
        meta["timetable"] = _timetable(meta["timetable"])
    data = {"type": page.type, **meta}
    if source.body:
        data["body"] = _blocks(source)
    if page.guides:
        data["guide"] = guide_data(page, language)
    return data


def source_hash(page: PageSource, language: str) -> str:
    data = {"page": page_data(page, language), "where": str(page.folder)}
    encoded = json.dumps(data, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(encoded.encode()).hexdigest()


def curriculum(content: Content | None = None) -> list[dict]:
    """The shipped days in order, for checks that read the content:
    ``{"number", "slug", "ky": data, "ru": data, "lessons": [lesson, ...]}`` where a
    lesson is ``{"slug", "track", "duration", "core", "needs_connection", "ky": data,
    "ru": data}`` and
    ``data`` is ``page_data`` (its ``body`` a list of blocks)."""
    content = content or load_content()
    days = []
    for day in content.of_type("day"):
        entry = {"number": day.first.meta["number"], "slug": day.slug, "lessons": []}
        entry.update({language: page_data(day, language) for language in LANGUAGES})
        for lesson in content.of_type("lesson"):
            if lesson.folder == day.folder:
                item = {key: lesson.first.meta[key]
                        for key in ("slug", "track", "duration", "core")}
                item["needs_connection"] = lesson.first.meta.get("needs_connection", False)
                item.update({language: page_data(lesson, language) for language in LANGUAGES})
                entry["lessons"].append(item)
        days.append(entry)
    days.sort(key=lambda day: day["number"])
    return days


def site_pages(content: Content | None = None) -> list[dict]:
    """Every page outside the days, in file order: ``{"slug", "type", "ky", "ru"}``."""
    content = content or load_content()
    return [
        {"slug": page.slug, "type": page.type,
         **{language: page_data(page, language) for language in LANGUAGES}}
        for page in content.pages if page.type not in ("day", "lesson")
    ]


def _words(value) -> int:
    """Words a girl reads in a piece of page data (no code, keys or addresses)."""
    if isinstance(value, dict):
        return sum(_words(item) for key, item in value.items()
                   if key not in ("type", "code", "image", "file", "url", "language",
                                  "correct", "slug", "track", "duration", "core",
                                  "needs_connection", "guide", "start", "end", "per",
                                  "quantity"))
    if isinstance(value, list | tuple):
        return sum(_words(item) for item in value)
    if isinstance(value, str):
        return len(re.findall(r"\w+", re.sub(r"<[^>]+>", " ", value)))
    return 0


def stats(content: Content | None = None) -> list[str]:
    """Lesson count, words per lesson and where the quizzes' right answers are, per
    language: figures to compare before and after a change to the curriculum."""
    days = curriculum(content)
    lessons = [lesson for day in days for lesson in day["lessons"]]
    lines = [f"{len(days)} days, {len(lessons)} lessons"]
    for language in LANGUAGES:
        words = sorted(_words(lesson[language]) for lesson in lessons)
        middle = words[len(words) // 2] if words else 0
        lines.append(
            f"{language}: words per lesson: mean {round(sum(words) / max(len(words), 1))}, "
            f"median {middle}, min {min(words, default=0)}, max {max(words, default=0)}, "
            f"total {sum(words)}")
        positions: dict[int, int] = {}
        for lesson in lessons:
            for block in lesson[language]["body"]:
                if block["type"] == "quiz":
                    correct = block["value"]["correct"]
                    positions[correct] = positions.get(correct, 0) + 1
        shown = ", ".join(f"{position}: {count}" for position, count in sorted(positions.items()))
        lines.append(f"{language}: {sum(positions.values())} lesson quizzes, right answer at "
                     f"choice {shown}")
        guides = sorted(_words(lesson[language]["guide"]) for lesson in lessons
                        if lesson[language].get("guide"))
        lines.append(
            f"{language}: facilitators' guides: {len(guides)} of {len(lessons)} lessons, "
            f"words per guide: mean {round(sum(guides) / max(len(guides), 1))}, "
            f"min {min(guides, default=0)}, max {max(guides, default=0)}, total {sum(guides)}")
    return lines


# --- Writing (used to make the files, and to check that they round-trip) ---------------

class _Dumper(yaml.SafeDumper):
    pass


def _text(dumper, value):
    style = "|" if "\n" in value and not re.search(r"[ \t]\n|\n[ \t]*$", value) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def dump_yaml(data) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10**6,
                     default_flow_style=False)


def block_to_markdown(block: dict, code_files: dict | None = None) -> str:
    """A page block as Markdown text or a fenced block. ``code_files`` maps a sketch's
    text to the file name a code block should point at."""
    kind, value = block["type"], block["value"]
    if kind == "paragraph":
        return html_to_markdown(value)
    info = kind
    if kind == "code":
        info = f"code {value['language']}"
        if code_files and value["code"] in code_files:
            value = {"file": code_files[value["code"]]}
        else:
            value = {"code": value["code"]}
    elif kind == "steps":
        value = {**value, "steps": [
            step["text"] if not step.get("image") else {"text": step["text"],
                                                        "image": step["image"]}
            for step in value["steps"]]}
        if not value["title"]:
            del value["title"]
    elif kind == "safety":
        value = {**value, "text": html_to_markdown(value["text"])}
    elif kind == "video":
        value = {**value, "transcript": html_to_markdown(value["transcript"])}
    return f"```{info}\n{dump_yaml(value)}```"


def page_to_markdown(meta: dict, body: list[dict], code_files: dict | None = None) -> str:
    parts = [f"---\n{dump_yaml(meta)}---"]
    previous = None
    for block in body:
        if block["type"] == "paragraph" and previous == "paragraph":
            parts.append("---")
        parts.append(block_to_markdown(block, code_files))
        previous = block["type"]
    return "\n\n".join(parts) + "\n"
