"""Every PDF of the platform (certificates, login cards, reports) is drawn here, by WeasyPrint.

One font configuration and one cache of the designs' images per process: WeasyPrint
is slow when it builds them for each document. DejaVu Sans is embedded (subset), so
ң ө ү print and copy as text. Nothing is fetched but the project's own files and data:
URIs; a QR code is named by a ``qr:`` address and drawn by the process that lays its
page out.

A long document (a camp's 300 certificates) is laid out in parts, one process per
core, and the parts are joined into one file: WeasyPrint lays a document out on one
core only, and a part's memory is given back as soon as it is written. As with any
``multiprocessing`` code, the program that starts the parts (manage.py, gunicorn,
pytest) keeps its own start behind ``if __name__ == "__main__"``.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import math
import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import segno

#: A part is at most this many pages; fewer than twice the smallest part is not split.
PART_PAGES = 40
SMALLEST_PART = 10


@lru_cache(maxsize=1)
def font_config():
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


#: The images this process keeps between documents (see ``DocumentImages``).
_kept_images: dict = {}

#: The address scheme of a QR code that is drawn where the page is laid out (``qr_src``).
QR_SCHEME = "qr:"
QR_DARK = "#1f1a24"
#: Light and dark modules as bytes of a grey picture: white, and the grey as dark as
#: QR_DARK (its luminance). WeasyPrint embeds a grey PNG as it comes; a palette PNG it
#: first turns into colour and writes again (half a millisecond a code).
_QR_GREYS = bytes.maketrans(b"\x00\x01", bytes([255, 29]))


def qr_code(text: str, tail: str = "", *, max_version: int | None = None):
    """A QR code of ``text``; with ``tail``, of ``text#tail`` in two segments: the text
    in byte mode, the tail (upper-case letters, digits and ``$%*+-./:``) in alphanumeric
    mode, 5.5 bits a character instead of 8.

    Error correction M, or L when M would need a version past ``max_version``; without
    the tail if even that does not fit. The mask is fixed: choosing the best of eight
    costs more than the rest of the page, and every mask gives a code phones read.
    """
    from segno import consts

    if tail:
        segments = [(text + "#", consts.MODE_BYTE), (tail, consts.MODE_ALPHANUMERIC)]
        for error in ("m", "l"):
            code = segno.make(segments, error=error, mask=3, boost_error=True)
            if max_version is None or code.version <= max_version:
                return code
    return segno.make(text, error="m", mask=3)


@lru_cache(maxsize=1024)
def qr_png_bytes(text: str, tail: str = "", max_version: int | None = None) -> bytes:
    """The QR code as a tiny PNG, one pixel per module (print it with ``image-rendering:
    pixelated``). As SVG, a QR code is hundreds of paths that WeasyPrint draws anew on
    every page; the bitmap is a few hundred bytes. Kept per process: a code never
    changes for the same text."""
    from PIL import Image

    matrix = qr_code(text, tail, max_version=max_version).matrix  # rows of 0 (light), 1 (dark)
    size = len(matrix)
    modules = b"".join(bytes(row) for row in matrix).translate(_QR_GREYS)
    out = io.BytesIO()
    # Pillow writes it in a third of the time segno's own PNG writer takes (pure Python).
    Image.frombytes("L", (size, size), modules).save(out, format="PNG", compress_level=1)
    return out.getvalue()


def qr_src(text: str, tail: str = "", *, max_version: int | None = None) -> str:
    """An image address for a page: the QR code is made by the process that lays the
    page out, so that a long document's codes are made on every core (``render_pages``
    lays its parts out in parallel), not one after the other before."""
    packed = json.dumps([text, tail, max_version], ensure_ascii=False, separators=(",", ":"))
    return QR_SCHEME + base64.urlsafe_b64encode(packed.encode()).decode()


def _qr_response(url: str):
    from weasyprint.urls import URLFetcherResponse

    text, tail, max_version = json.loads(base64.urlsafe_b64decode(url[len(QR_SCHEME):]))
    return URLFetcherResponse(url, body=qr_png_bytes(text, tail, max_version),
                              headers={"Content-Type": "image/png"})


def own_files_fetcher(*allowed: str | Path):
    """A URL fetcher for ``data:`` URIs, QR codes (``qr_src``) and files under the given
    folders only. Made once per thread and set of folders: making one (urllib's nine
    handlers) cost a certificate about 2 ms, as much as its QR code."""
    kept = _fetchers.__dict__.setdefault("by_folders", {})
    key = tuple(str(folder) for folder in allowed)
    if key not in kept:
        kept[key] = _fetcher_class()(
            tuple(Path(folder).resolve().as_uri() + "/" for folder in allowed),
            allowed_protocols={"file", "data"},
        )
    return kept[key]


#: Fetchers per thread: a fetcher keeps a request between calls, so threads do not share.
_fetchers = threading.local()


@lru_cache(maxsize=1)
def _fetcher_class():
    from weasyprint.urls import URLFetcher

    class OwnFilesOnly(URLFetcher):
        def __init__(self, prefixes: tuple[str, ...], **kwargs):
            super().__init__(**kwargs)
            self.prefixes = prefixes

        def fetch(self, url, headers=None):
            if url.startswith(QR_SCHEME):
                return _qr_response(url)
            if not (url.startswith("data:") or url.startswith(self.prefixes)):
                raise ValueError(f"A PDF of this site fetches only its own files, not {url!r}.")
            return super().fetch(url, headers)

    return OwnFilesOnly


@dataclass(frozen=True)
class Design:
    """How a kind of document is drawn: its folder of assets (the base of relative
    URLs), its stylesheet, and optionally a lean user-agent stylesheet that replaces
    the browser defaults for documents whose markup is fixed and small (it halves the
    work of matching styles on every element of a 300-page batch)."""

    folder: Path
    stylesheet: str = ""
    user_agent: str = ""

    @property
    def base_url(self) -> str:
        return self.folder.resolve().as_uri() + "/"


class DocumentImages(dict):
    """WeasyPrint's image cache for one document, over the images the process keeps.

    A design's own files and the partner's logos are read once per process. A QR code
    differs on every page and is printed once, so it lives as long as its document:
    kept, the codes grew a worker, and each part process, by about 3 KB a certificate
    for as long as it lived. WeasyPrint keys an image by its address and the image's
    data by the address's MD5.
    """

    def __init__(self, kept: dict):
        super().__init__()
        self.kept = kept

    def __contains__(self, key) -> bool:
        return dict.__contains__(self, key) or key in self.kept

    def __missing__(self, key):
        return self.kept[key]

    def keep_all_but_qr_codes(self) -> None:
        codes = {hashlib.md5(key.encode(), usedforsecurity=False).hexdigest()
                 for key in self if key.startswith(QR_SCHEME)}
        for key, value in self.items():
            if not key.startswith(QR_SCHEME) and key.split("-", 1)[0] not in codes:
                self.kept[key] = value


def render(html: str, design: Design) -> tuple[bytes, int]:
    """One document, laid out in this process. Returns the PDF and its page count."""
    images = DocumentImages(_kept_images)
    document = _document(html, design, images)
    written = document.write_pdf()  # reads the images' data from ``images``
    images.keep_all_but_qr_codes()
    return written, len(document.pages)


@dataclass
class PartStats:
    """What the parts of a long document cost, for the benchmarks."""

    parts: int = 0
    cpu_seconds: float = 0.0
    peak_mb: list[float] = field(default_factory=list)


def render_pages(pages: Sequence[str], wrap, design: Design, *, title: str,
                 processes: int | None = None, stats: PartStats | None = None,
                 ) -> tuple[bytes, int]:
    """Pages (HTML fragments) as one PDF. ``wrap(fragments)`` makes a whole HTML
    document of some of them. Long documents are laid out in parts on every core."""
    processes = processes or pdf_processes()
    parts = split(len(pages), processes)
    if len(parts) == 1:
        return render(wrap(list(pages)), design)
    documents = [wrap(list(pages[start:end])) for start, end in parts]
    results = _in_processes(documents, design, processes)
    if stats is not None:
        stats.parts = len(results)
        stats.cpu_seconds += sum(cpu for _pdf, cpu, _mb in results)
        stats.peak_mb.extend(mb for _pdf, _cpu, mb in results)
    return join([pdf for pdf, _cpu, _mb in results], title), len(pages)


def pdf_processes() -> int:
    from django.conf import settings

    configured = getattr(settings, "PDF_PROCESSES", None)
    return max(1, configured if configured else min(os.cpu_count() or 1, 4))


def split(count: int, processes: int) -> list[tuple[int, int]]:
    """Page ranges of the parts: one part when splitting would not pay; otherwise
    enough parts to keep every process busy, none longer than PART_PAGES."""
    if processes < 2 or count < 2 * SMALLEST_PART:
        return [(0, count)]
    parts = max(processes, math.ceil(count / PART_PAGES))
    parts = min(parts, count // SMALLEST_PART)
    bounds = [count * number // parts for number in range(parts + 1)]  # sizes differ by 1
    return list(zip(bounds, bounds[1:], strict=False))


def join(pdfs: Sequence[bytes], title: str) -> bytes:
    """The parts as one file, in order, titled."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for pdf in pdfs:
        writer.append(PdfReader(io.BytesIO(pdf)))
    writer.add_metadata({"/Title": title})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _document(html: str, design: Design, images: DocumentImages):
    stylesheets = [_stylesheet(str(design.folder / design.stylesheet))] if design.stylesheet else []
    return _html_class()(
        string=html, base_url=design.base_url, url_fetcher=own_files_fetcher(design.folder),
        user_agent_stylesheet=(_stylesheet(str(design.folder / design.user_agent))
                               if design.user_agent else None),
    ).render(font_config=font_config(), stylesheets=stylesheets, cache=images)


@lru_cache(maxsize=1)
def _html_class():
    """WeasyPrint's HTML, able to take a design's own defaults in place of its long list
    of HTML defaults (``HTML._ua_stylesheets``; WeasyPrint is pinned for it)."""
    from weasyprint import HTML

    class DesignHTML(HTML):
        def __init__(self, *args, user_agent_stylesheet=None, **kwargs):
            super().__init__(*args, **kwargs)
            self.user_agent_stylesheet = user_agent_stylesheet

        def _ua_stylesheets(self, forms=False):
            if self.user_agent_stylesheet is not None:
                return [self.user_agent_stylesheet]
            return super()._ua_stylesheets(forms)

    return DesignHTML


@lru_cache(maxsize=16)
def _stylesheet(path: str):
    """Parsed once per process."""
    from weasyprint import CSS

    return CSS(filename=path, font_config=font_config())


_pool = None
_pool_size = 0


def part_pool(processes: int | None = None):
    """The processes that lay out parts, kept warm for the life of this process (their
    fonts and stylesheets loaded). They are forked from a clean server process, never
    from this one, whose threads (a web server's, a database driver's) a fork would
    leave half-copied."""
    global _pool, _pool_size
    import atexit
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    processes = processes or pdf_processes()
    if _pool is not None and _pool_size == processes:
        return _pool
    if _pool is not None:
        _pool.shutdown(wait=False, cancel_futures=True)
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["cms.core.pdf_part"])
    _pool, _pool_size = ProcessPoolExecutor(max_workers=processes, mp_context=context), processes
    atexit.register(_pool.shutdown, wait=False, cancel_futures=True)
    return _pool


def restart_part_pool() -> None:
    """Stop the part processes, so that the next long document starts new ones (a
    benchmark's runs, each without what an earlier run left in their memory)."""
    global _pool
    if _pool is not None:
        _pool.shutdown(wait=True)
        _pool = None


def warm_part_pool(design: Design) -> None:
    """Start the part processes and load a design in each (a benchmark's warm-up, or a
    worker's start), so that the first long document does not pay for it."""
    from . import pdf_part

    pool = part_pool()
    empty = "<!doctype html><html><body><p>.</p></body></html>"
    list(pool.map(pdf_part.render_part, [empty] * _pool_size, [design] * _pool_size))


def _in_processes(documents: list[str], design: Design, processes: int):
    """The parts' PDFs, in order. A pool that lost a process (killed for memory, say)
    is replaced once."""
    global _pool
    from concurrent.futures.process import BrokenProcessPool

    from . import pdf_part

    designs = [design] * len(documents)
    try:
        return list(part_pool(processes).map(pdf_part.render_part, documents, designs))
    except BrokenProcessPool:
        _pool = None
        return list(part_pool(processes).map(pdf_part.render_part, documents, designs))
