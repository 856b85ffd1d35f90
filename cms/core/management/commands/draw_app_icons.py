"""Draw the app icons: static/img/app-icon.svg and its PNGs (192 and 512 px).

The drawing is the camp's idea in three shapes: a road from a girl's today (bottom
left) to her dream, a sun (top right), with a spark of electronics on the way. Kept
inside the middle 80 % so a phone may cut it into a circle ("maskable").
Run it again after changing the drawing; the files are committed.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from PIL import Image, ImageDraw

BACKGROUND = "#5b2a86"
SUN = "#ffc94a"
ROAD = "#ffffff"
SPARK = "#5fd3c9"

# Shapes on a 100 x 100 grid.
ROAD_POLYGON = [(18, 86), (34, 86), (52, 56), (70, 38), (64, 35), (44, 52)]
SUN_CIRCLE = (64, 16, 86, 38)
SPARK_POLYGON = [(30, 38), (38, 38), (34, 46), (42, 46), (28, 62), (32, 50), (25, 50)]

SVG = f"""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">
<rect width="100" height="100" fill="{BACKGROUND}"/>
<circle cx="75" cy="27" r="11" fill="{SUN}"/>
<polygon points="{' '.join(f'{x},{y}' for x, y in ROAD_POLYGON)}" fill="{ROAD}"/>
<polygon points="{' '.join(f'{x},{y}' for x, y in SPARK_POLYGON)}" fill="{SPARK}"/>
</svg>
"""


def draw(size: int) -> Image.Image:
    """The icon at ``size`` pixels, drawn 4x larger and scaled down for smooth edges."""
    big = size * 4
    scale = big / 100
    image = Image.new("RGB", (big, big), BACKGROUND)
    pen = ImageDraw.Draw(image)
    pen.ellipse([v * scale for v in SUN_CIRCLE], fill=SUN)
    pen.polygon([(x * scale, y * scale) for x, y in ROAD_POLYGON], fill=ROAD)
    pen.polygon([(x * scale, y * scale) for x, y in SPARK_POLYGON], fill=SPARK)
    return image.resize((size, size), Image.LANCZOS)


class Command(BaseCommand):
    help = "Draw the app icons (SVG and 192/512 px PNG) into static/img/."

    def handle(self, *args, **options):
        folder = Path(settings.BASE_DIR) / "static" / "img"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "app-icon.svg").write_text(SVG)
        for size in (192, 512):
            draw(size).save(folder / f"app-icon-{size}.png", optimize=True)
        self.stdout.write(f"Icons written to {folder}")
