"""One part of a long PDF, laid out in a process of its own (see cms.core.pdf).

Imports WeasyPrint at once, so that the server process that forks the part
processes holds it loaded and each part starts without importing it again.
"""

import resource
import time

import weasyprint  # noqa: F401  (loaded once in the fork server)

from .pdf import Design, render


def render_part(html: str, design: Design) -> tuple[bytes, float, float]:
    """The part's PDF, the CPU seconds it took and the peak memory (MB) of its process."""
    started = time.process_time()
    pdf, _pages = render(html, design)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return pdf, time.process_time() - started, peak_mb
