"""Draws emblem.jpg, the certificate's emblem (a sun over a mountain and a circuit line),
with Pillow: run ``python camp/certificates/assets/draw_emblem.py`` after changing it.

The certificate used to place an SVG emblem and frame; WeasyPrint draws an SVG anew on
every page, which made a camp's batch three times slower. A bitmap is embedded once per
PDF and costs nothing on the pages after the first; the frame is now CSS borders. The
emblem sits on white paper, so it is kept as a JPEG: WeasyPrint copies a JPEG into the
PDF as it is, while a PNG with transparency is split and compressed again for every
PDF (a sixth of the time of one certificate).
"""

import math
from pathlib import Path

from PIL import Image, ImageDraw

PURPLE, GOLD, TEAL = "#5b2a86", "#c8962e", "#0b7a75"
SCALE = 12  # drawn at 1200 px for a 100-unit design, then reduced: smooth edges
SIZE = 307  # printed 26 mm wide: 300 dpi, as much as paper shows (600 px was 51 KB a PDF)


def _xy(*points):
    return [(x * SCALE, y * SCALE) for x, y in points]


def _circle(draw, cx, cy, r, **style):
    draw.ellipse(_xy((cx - r, cy - r), (cx + r, cy + r)), **style)


def draw() -> Image.Image:
    image = Image.new("RGBA", (100 * SCALE, 100 * SCALE), (255, 255, 255, 0))
    pen = ImageDraw.Draw(image)
    _circle(pen, 50, 50, 47, fill="white", outline=PURPLE, width=3 * SCALE)
    # The dashed gold ring: dashes of 3 units and gaps of 2.2 along a circle of radius 41.
    radius, dash, gap = 41, 3.0, 2.2
    step = math.degrees((dash + gap) / radius)
    length = math.degrees(dash / radius)
    angle = 0.0
    box = _xy((50 - radius, 50 - radius), (50 + radius, 50 + radius))
    while angle < 360:
        pen.arc(box, angle, angle + length, fill=GOLD, width=int(1.2 * SCALE))
        angle += step
    for (x1, y1), (x2, y2) in [((50, 22), (50, 15)), ((36, 27), (32, 21)),
                               ((64, 27), (68, 21)), ((27, 38), (20, 35)),
                               ((73, 38), (80, 35))]:
        pen.line(_xy((x1, y1), (x2, y2)), fill=GOLD, width=int(2.2 * SCALE))
        for x, y in ((x1, y1), (x2, y2)):
            _circle(pen, x, y, 1.1, fill=GOLD)
    _circle(pen, 50, 44, 14, fill=GOLD)
    pen.polygon(_xy((14, 70), (34, 46), (45, 58), (58, 40), (86, 70)), fill=PURPLE)
    pen.polygon(_xy((52, 48), (58, 40), (64, 48), (60, 46), (58, 49), (56, 46)), fill="white")
    pen.line(_xy((18, 78), (40, 78), (46, 72), (62, 72), (66, 78), (82, 78)), fill=TEAL,
             width=3 * SCALE, joint="curve")
    for x in (18, 82):
        _circle(pen, x, 78, 3.2, fill=TEAL)
    return image.resize((SIZE, SIZE), Image.Resampling.LANCZOS)


if __name__ == "__main__":
    emblem = draw()
    paper = Image.new("RGB", emblem.size, "white")
    paper.paste(emblem, mask=emblem.getchannel("A"))
    paper.save(Path(__file__).with_name("emblem.jpg"), quality=90, optimize=True)
