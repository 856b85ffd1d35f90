"""Drawings for camp days 1-3.

``DRAWINGS`` maps a key to a function that returns PNG bytes. The pictures are flat diagrams
drawn with Pillow and carry no words or letters, so one picture serves both languages.
Nothing is drawn at import time. The sketches and the keychain blank offered for download
are files in ``courses/content/files``.
"""

import io
import math

from PIL import Image, ImageDraw

W, H = 960, 640
SCALE = 2  # draw at twice the size, then shrink: smooth edges

BG = (250, 250, 246)
INK = (40, 44, 52)
GREY = (150, 155, 160)
LIGHT = (215, 218, 222)
METAL = (185, 190, 196)
RED = (220, 60, 60)
GREEN = (60, 160, 90)
PCB = (40, 130, 80)
COPPER = (205, 140, 60)
BLUE = (60, 110, 200)
YELLOW = (245, 200, 50)
ORANGE = (240, 140, 40)
PURPLE = (140, 90, 190)
TEAL = (40, 150, 160)


class Canvas:
    """A thin wrapper over ImageDraw that works in 960x640 coordinates."""

    def __init__(self, bg=BG):
        self.img = Image.new("RGB", (W * SCALE, H * SCALE), bg)
        self.d = ImageDraw.Draw(self.img)

    @staticmethod
    def _p(points):
        return [(x * SCALE, y * SCALE) for x, y in points]

    def rect(self, x0, y0, x1, y1, fill=None, outline=INK, width=3, radius=0):
        box = [x0 * SCALE, y0 * SCALE, x1 * SCALE, y1 * SCALE]
        if radius:
            self.d.rounded_rectangle(box, radius=radius * SCALE, fill=fill, outline=outline,
                                     width=width * SCALE)
        else:
            self.d.rectangle(box, fill=fill, outline=outline, width=width * SCALE)

    def ellipse(self, x0, y0, x1, y1, fill=None, outline=INK, width=3):
        self.d.ellipse([x0 * SCALE, y0 * SCALE, x1 * SCALE, y1 * SCALE], fill=fill,
                       outline=outline, width=width * SCALE)

    def circle(self, cx, cy, r, fill=None, outline=INK, width=3):
        self.ellipse(cx - r, cy - r, cx + r, cy + r, fill=fill, outline=outline, width=width)

    def line(self, points, fill=INK, width=3):
        self.d.line(self._p(points), fill=fill, width=width * SCALE, joint="curve")

    def poly(self, points, fill=None, outline=INK, width=3):
        self.d.polygon(self._p(points), fill=fill, outline=outline, width=width * SCALE)

    def arc(self, x0, y0, x1, y1, start, end, fill=INK, width=3):
        self.d.arc([x0 * SCALE, y0 * SCALE, x1 * SCALE, y1 * SCALE], start, end, fill=fill,
                   width=width * SCALE)

    def hatch(self, x0, y0, x1, y1, step=22, fill=GREY, width=3):
        """Diagonal lines (slope 1) clipped to the box x0..x1, y0..y1."""
        c = x0 - y1
        while c < x1 - y0:
            sx, ex = max(x0, y0 + c), min(x1, y1 + c)
            if ex > sx:
                self.line([(sx, sx - c), (ex, ex - c)], fill=fill, width=width)
            c += step

    # --- symbols (no letters) ---
    def plus(self, cx, cy, size=16, color=RED, width=5):
        self.line([(cx - size, cy), (cx + size, cy)], fill=color, width=width)
        self.line([(cx, cy - size), (cx, cy + size)], fill=color, width=width)

    def minus(self, cx, cy, size=16, color=INK, width=5):
        self.line([(cx - size, cy), (cx + size, cy)], fill=color, width=width)

    def tick(self, cx, cy, size=30, color=GREEN):
        self.circle(cx, cy, size + 10, fill=(230, 245, 233), outline=color, width=4)
        self.line([(cx - size * 0.55, cy), (cx - size * 0.1, cy + size * 0.45),
                   (cx + size * 0.6, cy - size * 0.45)], fill=color, width=7)

    def cross(self, cx, cy, size=30, color=RED):
        self.circle(cx, cy, size + 10, fill=(250, 230, 230), outline=color, width=4)
        s = size * 0.5
        self.line([(cx - s, cy - s), (cx + s, cy + s)], fill=color, width=7)
        self.line([(cx - s, cy + s), (cx + s, cy - s)], fill=color, width=7)

    def arrow(self, x0, y0, x1, y1, color=INK, width=4, head=16):
        self.line([(x0, y0), (x1, y1)], fill=color, width=width)
        ang = math.atan2(y1 - y0, x1 - x0)
        left = (x1 - head * math.cos(ang - 0.45), y1 - head * math.sin(ang - 0.45))
        right = (x1 - head * math.cos(ang + 0.45), y1 - head * math.sin(ang + 0.45))
        self.poly([(x1, y1), left, right], fill=color, outline=color, width=1)

    def png(self, colors=64):
        small = self.img.resize((W, H), Image.LANCZOS)
        pal = small.quantize(colors=colors, method=Image.Quantize.MEDIANCUT, dither=Image.NONE)
        buf = io.BytesIO()
        pal.save(buf, format="PNG", optimize=True)
        return buf.getvalue()


# ---------------------------------------------------------------- shared parts

def _resistor(c, x0, y, x1, horizontal=True):
    """A beige resistor with colour bands between x0 and x1 on line y (legs included)."""
    mid = (x0 + x1) / 2
    c.line([(x0, y), (x1, y)], fill=GREY, width=4)
    c.rect(mid - 45, y - 16, mid + 45, y + 16, fill=(230, 205, 160), radius=12)
    for i, col in enumerate([(150, 90, 40), INK, (150, 90, 40), (200, 170, 60)]):
        bx = mid - 28 + i * 17 + (6 if i == 3 else 0)
        c.rect(bx, y - 15, bx + 8, y + 15, fill=col, outline=None, width=0)


def _resistor_v(c, x, y0, y1):
    mid = (y0 + y1) / 2
    c.line([(x, y0), (x, y1)], fill=GREY, width=4)
    c.rect(x - 16, mid - 45, x + 16, mid + 45, fill=(230, 205, 160), radius=12)
    for i, col in enumerate([(150, 90, 40), INK, (150, 90, 40), (200, 170, 60)]):
        by = mid - 28 + i * 17 + (6 if i == 3 else 0)
        c.rect(x - 15, by, x + 15, by + 8, fill=col, outline=None, width=0)


def _led_top(c, cx, cy, color=RED, r=34, lit=False):
    """An LED seen from the side: dome, rim, two legs (long one on the left)."""
    if lit:
        for i in range(8):
            a = math.radians(-160 + i * 20)
            c.line([(cx + (r + 14) * math.cos(a), cy - 20 + (r + 14) * math.sin(a)),
                    (cx + (r + 34) * math.cos(a), cy - 20 + (r + 34) * math.sin(a))],
                   fill=YELLOW, width=5)
    light = tuple(min(255, v + 50) for v in color)
    c.rect(cx - r, cy - 20, cx + r, cy + 30, fill=light, outline=INK, width=3)
    c.ellipse(cx - r, cy - 20 - r, cx + r, cy - 20 + r, fill=light, outline=INK, width=3)
    c.rect(cx - r + 3, cy - 22, cx + r - 3, cy + 27, fill=light, outline=None, width=0)
    c.rect(cx - r - 6, cy + 30, cx + r + 6, cy + 42, fill=light, outline=INK, width=3)


def _arduino(c, x0, y0, x1, y1):
    """A generic blue microcontroller board. Returns a function pin(i) -> (x, y) for the
    top header (digital pins, counted from the right) and gnd position."""
    c.rect(x0, y0, x1, y1, fill=(30, 110, 170), outline=(20, 70, 120), width=4, radius=14)
    # USB socket and power jack on the left edge
    c.rect(x0 - 30, y0 + 40, x0 + 50, y0 + 110, fill=METAL, radius=4)
    c.rect(x0 - 20, y1 - 100, x0 + 50, y1 - 40, fill=INK, radius=6)
    # the chip
    cx0, cy0 = x0 + (x1 - x0) * 0.45, y0 + (y1 - y0) * 0.55
    c.rect(cx0, cy0, cx0 + 200, cy0 + 50, fill=INK, radius=4)
    for i in range(10):
        px = cx0 + 12 + i * 19
        c.line([(px, cy0 - 8), (px, cy0)], fill=METAL, width=3)
        c.line([(px, cy0 + 50), (px, cy0 + 58)], fill=METAL, width=3)
    # reset button and on-board LED
    c.circle(x0 + 110, y0 + 50, 14, fill=RED, outline=INK)
    c.rect(x0 + 160, y0 + 95, x0 + 180, y0 + 107, fill=YELLOW, outline=INK, width=2)
    # digital header (top edge)
    hx0, hy = x0 + 200, y0 + 18
    pitch = 22
    n = int((x1 - 30 - hx0) / pitch)
    c.rect(hx0 - 6, hy - 12, hx0 + n * pitch - 10, hy + 12, fill=INK, outline=INK, width=1)
    for i in range(n):
        c.rect(hx0 + i * pitch - 1, hy - 5, hx0 + i * pitch + 7, hy + 5, fill=(90, 90, 90),
               outline=None, width=0)
    # lower header (power)
    lx0, ly = x0 + 230, y1 - 18
    c.rect(lx0 - 6, ly - 12, lx0 + 12 * pitch - 10, ly + 12, fill=INK, outline=INK, width=1)
    for i in range(12):
        c.rect(lx0 + i * pitch - 1, ly - 5, lx0 + i * pitch + 7, ly + 5, fill=(90, 90, 90),
               outline=None, width=0)

    def pin(i):
        # i = 0 is the right-most hole of the top header
        return (hx0 + (n - 1 - i) * pitch + 3, hy)

    return pin, (lx0 + 6 * pitch + 3, ly)


# ---------------------------------------------------------------- day 1

def d1_iron_stand():
    c = Canvas()
    # bench
    c.rect(40, 520, 920, 560, fill=(205, 180, 140), outline=None, width=0)
    # stand base with a wet sponge
    c.rect(120, 470, 520, 520, fill=(90, 95, 105), radius=10)
    c.rect(150, 445, 280, 472, fill=YELLOW, radius=6)
    for i in range(4):
        c.circle(170 + i * 30, 458, 4, fill=(200, 160, 30), outline=None)
    # spiral holder (coil) drawn as tilted rings
    for i in range(9):
        x = 330 + i * 22
        y = 440 - i * 22
        c.ellipse(x - 30, y - 14, x + 30, y + 14, outline=METAL, width=6)
    c.line([(360, 470), (330, 440)], fill=METAL, width=8)
    # the iron resting in the coil: tip low-left inside, handle up-right outside
    c.line([(345, 425), (560, 210)], fill=METAL, width=14)
    c.poly([(345, 425), (325, 447), (355, 437)], fill=(110, 110, 110))
    c.line([(540, 230), (700, 70)], fill=BLUE, width=40)
    for i in range(5):
        x, y = 590 + i * 18, 180 - i * 18
        c.line([(x - 14, y - 14), (x + 14, y + 14)], fill=(40, 80, 160), width=3)
    c.line([(700, 70), (760, 40), (860, 60)], fill=INK, width=6)  # cable
    # heat waves near the tip
    for k in range(3):
        bx = 250 + k * 30
        c.line([(bx, 400), (bx - 10, 380), (bx, 360), (bx - 10, 340)], fill=RED, width=4)
    # goggles on the bench, right
    gx, gy = 760, 440
    c.ellipse(gx - 110, gy - 40, gx - 10, gy + 40, fill=(200, 230, 245), outline=INK, width=5)
    c.ellipse(gx + 10, gy - 40, gx + 110, gy + 40, fill=(200, 230, 245), outline=INK, width=5)
    c.line([(gx - 10, gy - 5), (gx + 10, gy - 5)], fill=INK, width=8)
    c.arc(gx - 150, gy - 60, gx + 150, gy + 90, 180, 360, fill=ORANGE, width=8)
    c.line([(gx - 80, gy - 20), (gx - 60, gy - 30)], fill=(255, 255, 255), width=5)
    c.line([(gx + 40, gy - 20), (gx + 60, gy - 30)], fill=(255, 255, 255), width=5)
    c.tick(860, 130)
    return c.png()


def _board_section(c, ox, good):
    # board, pad and the component leg, in cross-section
    c.rect(ox, 380, ox + 360, 420, fill=PCB, outline=INK)
    c.rect(ox + 130, 372, ox + 230, 380, fill=COPPER, outline=INK, width=2)
    c.rect(ox + 130, 420, ox + 230, 428, fill=COPPER, outline=INK, width=2)
    c.rect(ox + 172, 170, ox + 188, 500, fill=METAL, outline=INK, width=2)
    c.rect(ox + 110, 120, ox + 250, 175, fill=(230, 205, 160), radius=16)  # component body
    silver = (200, 204, 210)
    if good:
        # smooth concave cone covering the pad
        pts = [(ox + 130, 374)]
        for i in range(21):
            t = i / 20
            x = ox + 130 + t * 42
            y = 374 - 90 * (t ** 2.2)
            pts.append((x, y))
        pts += [(ox + 188, 284)]
        for i in range(21):
            t = 1 - i / 20
            x = ox + 188 + (1 - t) * 42
            y = 374 - 90 * (t ** 2.2)
            pts.append((x, y))
        pts.append((ox + 230, 374))
        c.poly(pts, fill=silver, outline=INK, width=3)
        c.line([(ox + 160, 330), (ox + 168, 300)], fill=(255, 255, 255), width=4)
        c.tick(ox + 300, 250)
    else:
        # a round blob sitting on the leg, not wetting the pad (gap below)
        c.circle(ox + 180, 318, 52, fill=silver, outline=INK, width=3)
        c.line([(ox + 158, 300), (ox + 165, 285)], fill=(255, 255, 255), width=4)
        c.line([(ox + 135, 374), (ox + 225, 374)], fill=RED, width=3)
        c.cross(ox + 300, 250)


def d1_joint_good_bad():
    c = Canvas()
    _board_section(c, 60, True)
    _board_section(c, 540, False)
    c.line([(480, 80), (480, 580)], fill=LIGHT, width=4)
    return c.png()


def d1_led_polarity():
    c = Canvas()
    # a big LED on the left
    cx, top = 300, 120
    r = 90
    c.ellipse(cx - r, top, cx + r, top + 2 * r, fill=(245, 120, 120), outline=INK, width=4)
    c.rect(cx - r, top + r, cx + r, top + 250, fill=(245, 120, 120), outline=None, width=0)
    c.line([(cx - r, top + r), (cx - r, top + 250)], fill=INK, width=4)
    c.line([(cx + r, top + r), (cx + r, top + 250)], fill=INK, width=4)
    # rim with a flat edge on the right (cathode side)
    c.poly([(cx - r - 18, top + 250), (cx + r, top + 250), (cx + r, top + 275),
            (cx - r - 18, top + 275)], fill=(235, 100, 100), outline=INK, width=4)
    c.arrow(cx + r + 100, top + 262, cx + r + 12, top + 262, color=INK, width=5)
    # legs: long (anode, +) on the left, short (cathode, -) on the right
    c.rect(cx - 45, top + 275, cx - 33, 600, fill=METAL, outline=INK, width=2)
    c.rect(cx + 33, top + 275, cx + 45, 520, fill=METAL, outline=INK, width=2)
    c.plus(cx - 100, 560, size=20, width=7)
    c.minus(cx + 100, 500, size=20, width=7)
    # inside: anvil and post
    c.poly([(cx + 10, top + 150), (cx + 60, top + 150), (cx + 60, top + 240),
            (cx + 40, top + 240), (cx + 40, top + 190)], fill=(150, 60, 60), outline=None)
    c.rect(cx - 45, top + 190, cx - 30, top + 240, fill=(150, 60, 60), outline=None, width=0)
    # the circuit symbol on the right: triangle points from + to -
    sy = 320
    c.line([(600, sy), (700, sy)], fill=INK, width=5)
    c.poly([(700, sy - 45), (700, sy + 45), (775, sy)], fill=(245, 120, 120), outline=INK,
           width=4)
    c.line([(778, sy - 45), (778, sy + 45)], fill=INK, width=6)
    c.line([(778, sy), (880, sy)], fill=INK, width=5)
    c.arrow(735, sy - 60, 775, sy - 110, color=ORANGE, width=4, head=12)
    c.arrow(755, sy - 55, 795, sy - 105, color=ORANGE, width=4, head=12)
    c.plus(620, sy - 50, size=18, width=6)
    c.minus(860, sy - 50, size=18, width=6)
    c.arrow(640, sy + 80, 840, sy + 80, color=RED, width=5)
    return c.png()


def d1_circuit():
    c = Canvas()
    # a loop of wire: battery on the left, resistor on top, LED on the right
    x0, y0, x1, y1 = 180, 150, 780, 500
    c.line([(x0, y0), (x1, y0)], fill=RED, width=6)
    c.line([(x1, y0), (x1, y1)], fill=INK, width=6)
    c.line([(x1, y1), (x0, y1)], fill=INK, width=6)
    c.line([(x0, y1), (x0, y0)], fill=RED, width=6)
    # battery: two AA cells standing on the left side
    for k, by in enumerate([230, 340]):
        c.rect(x0 - 45, by, x0 + 45, by + 100, fill=INK, outline=INK, width=2, radius=8)
        c.rect(x0 - 45, by, x0 + 45, by + 30, fill=ORANGE, outline=INK, width=2, radius=8)
        c.rect(x0 - 12, by - 10, x0 + 12, by, fill=METAL, outline=INK, width=2)
    c.plus(x0 - 90, 220, size=20, width=7)
    c.minus(x0 - 90, 450, size=20, width=7)
    # resistor on the top wire
    c.rect(390, y0 - 8, 570, y0 + 8, fill=BG, outline=None, width=0)
    _resistor(c, 380, y0, 580)
    # LED on the right wire, pointing down (anode up)
    lx = x1
    c.rect(lx - 8, 280, lx + 8, 380, fill=BG, outline=None, width=0)
    c.poly([(lx - 45, 285), (lx + 45, 285), (lx, 355)], fill=(245, 120, 120), outline=INK,
           width=4)
    c.line([(lx - 45, 358), (lx + 45, 358)], fill=INK, width=6)
    for k in range(8):
        a = math.radians(k * 45)
        c.line([(lx + 90 + 30 * math.cos(a), 320 + 30 * math.sin(a)),
                (lx + 90 + 52 * math.cos(a), 320 + 52 * math.sin(a))], fill=YELLOW, width=6)
    c.circle(lx + 90, 320, 18, fill=YELLOW, outline=None)
    c.plus(lx - 70, 260, size=16, width=6)
    c.minus(lx - 70, 390, size=16, width=6)
    # current direction arrows: from + through resistor and LED back to -
    c.arrow(250, y0 - 40, 340, y0 - 40, color=ORANGE, width=5)
    c.arrow(640, y0 - 40, 730, y0 - 40, color=ORANGE, width=5)
    c.arrow(x1 + 40, 420, x1 + 40, 480, color=ORANGE, width=5)
    c.arrow(600, y1 + 40, 400, y1 + 40, color=ORANGE, width=5)
    c.arrow(x0 + 60, 470, x0 + 60, 400, color=ORANGE, width=5)
    return c.png()


def d1_led_kit():
    c = Canvas()
    # a small printed board seen from above
    c.rect(120, 120, 640, 520, fill=PCB, outline=(20, 80, 50), width=6, radius=22)
    for (hx, hy) in [(150, 150), (610, 150), (150, 490), (610, 490)]:
        c.circle(hx, hy, 12, fill=BG, outline=COPPER, width=5)
    # copper traces
    c.line([(220, 220), (220, 300), (380, 300)], fill=(80, 170, 110), width=10)
    c.line([(460, 300), (540, 300), (540, 420)], fill=(80, 170, 110), width=10)
    c.line([(220, 420), (540, 420)], fill=(80, 170, 110), width=10)
    # LED outlines with the flat side (silkscreen)
    for lx, ly, placed in [(220, 220, True), (300, 220, False)]:
        c.arc(lx - 30, ly - 30, lx + 30, ly + 30, 100, 440 - 20, fill=(240, 240, 240), width=4)
        c.line([(lx + 22, ly - 20), (lx + 22, ly + 20)], fill=(240, 240, 240), width=4)
        c.circle(lx - 12, ly, 7, fill=COPPER, outline=None)
        c.rect(lx + 5, ly - 7, lx + 19, ly + 7, fill=COPPER, outline=None, width=0)
        if placed:
            c.circle(lx, ly, 26, fill=(245, 120, 120), outline=INK, width=3)
            c.circle(lx - 8, ly - 8, 7, fill=(255, 200, 200), outline=None)
    # resistor footprint with a resistor placed
    c.circle(380, 300, 9, fill=COPPER, outline=None)
    c.circle(460, 300, 9, fill=COPPER, outline=None)
    _resistor(c, 380, 300, 460)
    # battery holder footprint
    c.circle(540, 420, 10, fill=COPPER, outline=None)
    c.circle(220, 420, 10, fill=COPPER, outline=None)
    c.rect(250, 380, 510, 470, outline=(240, 240, 240), width=4, radius=10)
    c.plus(530, 370, size=14, color=(255, 255, 255), width=5)
    c.minus(230, 370, size=14, color=(255, 255, 255), width=5)
    # on the right: bending the legs after pushing through, then trimming
    c.rect(700, 160, 900, 185, fill=PCB, outline=INK, width=2)
    c.line([(780, 80), (780, 185), (740, 230)], fill=METAL, width=7)
    c.line([(820, 80), (820, 185), (860, 230)], fill=METAL, width=7)
    c.circle(800, 70, 34, fill=(245, 120, 120), outline=INK, width=3)
    c.arrow(800, 300, 800, 360, color=INK, width=5)
    c.rect(700, 400, 900, 425, fill=PCB, outline=INK, width=2)
    c.line([(780, 425), (780, 445)], fill=METAL, width=7)
    c.line([(820, 425), (820, 445)], fill=METAL, width=7)
    for bx in (780, 820):
        c.poly([(bx - 16, 425), (bx + 16, 425), (bx + 6, 410), (bx - 6, 410)],
               fill=(200, 204, 210), outline=INK, width=2)
    # side cutter
    c.line([(700, 560), (860, 500)], fill=RED, width=14)
    c.line([(700, 500), (860, 560)], fill=RED, width=14)
    c.circle(780, 530, 10, fill=METAL)
    c.poly([(860, 500), (905, 515), (870, 530)], fill=METAL)
    c.poly([(860, 560), (905, 545), (870, 530)], fill=METAL)
    return c.png()


# ---------------------------------------------------------------- day 2

def d2_printer_layers():
    c = Canvas()
    # heated bed
    c.rect(80, 500, 880, 540, fill=(120, 125, 135), radius=6)
    for i in range(6):
        x = 140 + i * 130
        c.line([(x, 560), (x - 10, 580), (x, 600), (x - 10, 620)], fill=RED, width=3)
    # printed layers (a little vase shape), each layer a rounded bar
    colors = [(70, 140, 210), (90, 155, 220)]
    y = 500
    widths = [440, 440, 420, 400, 390, 390, 400, 420, 440]
    for i, w in enumerate(widths):
        h = 24
        c.rect(480 - w / 2, y - h, 480 + w / 2, y, fill=colors[i % 2], outline=(40, 80, 140),
               width=2, radius=11)
        y -= h
    # the layer being printed now, half done
    c.rect(480 - 220, y - 24, 480 + 60, y, fill=(250, 160, 60), outline=(180, 100, 30),
           width=2, radius=11)
    # nozzle and heater block
    nx = 480 + 70
    ny = y - 24
    c.poly([(nx - 22, ny - 50), (nx + 22, ny - 50), (nx + 6, ny - 4), (nx - 6, ny - 4)],
           fill=(200, 170, 80), outline=INK, width=3)
    c.rect(nx - 70, ny - 130, nx + 70, ny - 50, fill=(170, 175, 180), radius=6)
    c.rect(nx - 40, ny - 230, nx + 40, ny - 130, fill=(110, 115, 125), radius=4)
    for k in range(5):
        c.line([(nx - 40, ny - 220 + k * 20), (nx + 40, ny - 220 + k * 20)],
               fill=(70, 75, 85), width=3)
    # filament coming from the top
    c.line([(nx, 20), (nx, ny - 230)], fill=(250, 160, 60), width=10)
    # heat marks near the nozzle
    for k in range(3):
        bx = nx + 95 + k * 24
        c.line([(bx, ny - 110), (bx - 8, ny - 90), (bx, ny - 70), (bx - 8, ny - 50)],
               fill=RED, width=4)
    # movement arrows: along X and up in Z
    c.arrow(nx + 40, ny + 10, nx + 200, ny + 10, color=INK, width=5)
    c.arrow(100, 450, 100, 260, color=GREEN, width=6)
    for k in range(4):
        c.line([(85, 440 - k * 48), (115, 440 - k * 48)], fill=GREEN, width=4)
    return c.png()


def _keychain_outline(ox, oy, w, h, r, steps=10):
    pts = []
    corners = [(ox + w - r, oy + r, -90), (ox + w - r, oy + h - r, 0),
               (ox + r, oy + h - r, 90), (ox + r, oy + r, 180)]
    for cx, cy, a0 in corners:
        for i in range(steps + 1):
            a = math.radians(a0 + 90 * i / steps)
            pts.append((cx + r * math.cos(a), cy + r * math.sin(a)))
    return pts


def d2_keychain():
    c = Canvas()
    # 3D-ish plate: a shadow/side, then the top face
    top = _keychain_outline(140, 200, 640, 240, 70)
    side = [(x + 0, y + 26) for x, y in top]
    c.poly(side, fill=(120, 70, 160), outline=INK, width=3)
    c.poly(top, fill=(175, 120, 215), outline=INK, width=4)
    # the hole near the left end, with a ring through it
    c.circle(235, 320, 34, fill=BG, outline=INK, width=4)
    c.ellipse(60, 250, 250, 420, outline=METAL, width=12)
    c.circle(235, 320, 34, outline=INK, width=4)
    # raised decorations instead of letters: a heart, a star, a circle
    hx, hy = 420, 320

    def heart(cx, cy, s, col):
        pts = []
        for i in range(60):
            t = 2 * math.pi * i / 60
            x = 16 * math.sin(t) ** 3
            y = 13 * math.cos(t) - 5 * math.cos(2 * t) - 2 * math.cos(3 * t) - math.cos(4 * t)
            pts.append((cx + x * s, cy - y * s))
        c.poly([(x + 5, y + 8) for x, y in pts], fill=(110, 60, 150), outline=None)
        c.poly(pts, fill=col, outline=INK, width=3)

    heart(hx, hy, 4.2, (250, 220, 90))
    sx, sy = 580, 315
    star = []
    for i in range(10):
        rad = 62 if i % 2 == 0 else 26
        a = math.radians(-90 + i * 36)
        star.append((sx + rad * math.cos(a), sy + rad * math.sin(a)))
    c.poly([(x + 5, y + 8) for x, y in star], fill=(110, 60, 150), outline=None)
    c.poly(star, fill=(250, 220, 90), outline=INK, width=3)
    c.circle(705, 323, 34, fill=(110, 60, 150), outline=None)
    c.circle(700, 315, 34, fill=(250, 220, 90), outline=INK, width=3)
    # dimension arrows (no numbers): length and width
    c.arrow(460, 520, 780, 520, color=GREY, width=3)
    c.arrow(460, 520, 140, 520, color=GREY, width=3)
    c.line([(140, 490), (140, 540)], fill=GREY, width=3)
    c.line([(780, 490), (780, 540)], fill=GREY, width=3)
    c.arrow(850, 320, 850, 200, color=GREY, width=3)
    c.arrow(850, 320, 850, 440, color=GREY, width=3)
    c.line([(820, 200), (870, 200)], fill=GREY, width=3)
    c.line([(820, 440), (870, 440)], fill=GREY, width=3)
    return c.png()


def _iso_box(c, x, y, w, d, h, fill, hole=False):
    """An isometric-looking box; top face, front face and right face."""
    dx, dy = d * 0.6, -d * 0.35
    top = [(x, y), (x + w, y), (x + w + dx, y + dy), (x + dx, y + dy)]
    front = [(x, y), (x + w, y), (x + w, y + h), (x, y + h)]
    right = [(x + w, y), (x + w + dx, y + dy), (x + w + dx, y + dy + h), (x + w, y + h)]
    dark = tuple(max(0, v - 50) for v in fill)
    mid = tuple(max(0, v - 25) for v in fill)
    c.poly(front, fill=fill, outline=INK)
    c.poly(right, fill=dark, outline=INK)
    c.poly(top, fill=mid, outline=INK)
    if hole:
        cx, cy = x + w / 2 + dx / 2, y + dy / 2
        c.ellipse(cx - 35, cy - 14, cx + 35, cy + 14, fill=(60, 60, 60), outline=INK)


def _iso_cylinder(c, cx, top_y, r, h, fill, hatched=False):
    ry = r * 0.4
    if hatched:
        c.rect(cx - r, top_y, cx + r, top_y + h, fill=(235, 235, 235), outline=None, width=0)
        c.hatch(cx - r, top_y, cx + r, top_y + h, step=20)
        c.ellipse(cx - r, top_y + h - ry, cx + r, top_y + h + ry, fill=None, outline=INK)
        c.line([(cx - r, top_y), (cx - r, top_y + h)], fill=INK, width=3)
        c.line([(cx + r, top_y), (cx + r, top_y + h)], fill=INK, width=3)
        c.ellipse(cx - r, top_y - ry, cx + r, top_y + ry, fill=(220, 220, 220), outline=INK)
        return
    dark = tuple(max(0, v - 40) for v in fill)
    c.ellipse(cx - r, top_y + h - ry, cx + r, top_y + h + ry, fill=dark, outline=INK)
    c.rect(cx - r, top_y, cx + r, top_y + h, fill=dark, outline=None, width=0)
    c.line([(cx - r, top_y), (cx - r, top_y + h)], fill=INK, width=3)
    c.line([(cx + r, top_y), (cx + r, top_y + h)], fill=INK, width=3)
    c.ellipse(cx - r, top_y - ry, cx + r, top_y + ry, fill=fill, outline=INK)


def d2_shapes_hole():
    c = Canvas()
    # a solid box and a "hole" cylinder
    _iso_box(c, 60, 330, 220, 160, 110, (90, 160, 230))
    _iso_cylinder(c, 220, 220, 40, 230, None, hatched=True)
    # align marks: dashed centre line
    for k in range(8):
        c.line([(218, 160 + k * 40), (218, 180 + k * 40)], fill=ORANGE, width=3)
    c.plus(360, 360, size=22, color=INK, width=7)
    c.arrow(420, 360, 520, 360, color=INK, width=6, head=22)
    # result: a box with a hole through it
    _iso_box(c, 590, 330, 220, 160, 110, (90, 160, 230), hole=True)
    # the work plane grid under both
    for k in range(13):
        c.line([(40 + k * 70, 540), (40 + k * 70, 600)], fill=LIGHT, width=2)
    for y in (540, 570, 600):
        c.line([(40, y), (880, y)], fill=LIGHT, width=2)
    return c.png()


def d2_infill_supports():
    c = Canvas()
    # left: a cut-open part: thick walls, top layers removed, grid infill
    x0, y0, x1, y1 = 70, 140, 430, 520
    c.rect(x0, y0, x1, y1, fill=(235, 240, 250), outline=None, width=0)
    c.hatch(x0 + 7, y0 + 7, x1 - 7, y1 - 7, step=55, fill=(120, 160, 220), width=4)
    # the same lines the other way: mirror by drawing slope -1 lines
    k = 0
    while k < (x1 - x0) + (y1 - y0):
        k += 55
        pts = []
        for t in range(0, k + 1):
            x, y = x0 + 7 + t, y0 + 7 + k - t
            if x0 + 7 <= x <= x1 - 7 and y0 + 7 <= y <= y1 - 7:
                pts.append((x, y))
        if len(pts) > 1:
            c.line([pts[0], pts[-1]], fill=(120, 160, 220), width=4)
    c.rect(x0, y0, x1, y1, outline=BLUE, width=14)
    # right: a T shape with overhangs; supports under the overhangs
    c.rect(480, 520, 920, 545, fill=(120, 125, 135), radius=4)
    c.rect(640, 300, 760, 520, fill=(250, 160, 60), outline=INK, width=3)
    c.rect(500, 240, 900, 300, fill=(250, 160, 60), outline=INK, width=3)
    for sx in list(range(510, 640, 22)) + list(range(770, 900, 22)):
        c.line([(sx, 304), (sx, 518)], fill=GREY, width=5)
        c.line([(sx, 304), (sx + 11, 318)], fill=GREY, width=2)
    c.arrow(570, 170, 570, 230, color=RED, width=5)
    c.arrow(830, 170, 830, 230, color=RED, width=5)
    return c.png()


# ---------------------------------------------------------------- day 3

def d3_blocks():
    c = Canvas()
    # a "when started" hat block with a flag icon
    c.rect(200, 60, 560, 130, fill=YELLOW, outline=(190, 150, 20), width=4, radius=26)
    c.line([(250, 75), (250, 120)], fill=INK, width=5)
    c.poly([(252, 76), (300, 86), (252, 98)], fill=GREEN, outline=INK, width=2)
    # a "repeat forever" C-shaped block
    orange_d = (190, 100, 20)
    c.rect(200, 140, 640, 200, fill=ORANGE, outline=orange_d, width=4, radius=14)
    c.rect(200, 140, 250, 560, fill=ORANGE, outline=orange_d, width=4, radius=10)
    c.rect(200, 500, 640, 560, fill=ORANGE, outline=orange_d, width=4, radius=14)
    c.rect(204, 144, 246, 556, fill=ORANGE, outline=None, width=0)
    # a circular arrow icon for "repeat"
    c.arc(560, 150, 610, 195, 30, 330, fill=INK, width=5)
    c.poly([(600, 150), (615, 165), (596, 170)], fill=INK, outline=INK, width=1)
    # four inner blocks: LED on, clock, LED off, clock
    inner = [(BLUE, "on"), (PURPLE, "wait"), (BLUE, "off"), (PURPLE, "wait")]
    for i, (col, kind) in enumerate(inner):
        y = 210 + i * 72
        c.rect(255, y, 600, y + 64, fill=col, outline=INK, width=3, radius=12)
        cx, cy = 300, y + 32
        if kind == "wait":
            c.circle(cx, cy, 22, fill=(255, 255, 255), outline=INK, width=3)
            c.line([(cx, cy), (cx, cy - 14), (cx, cy)], fill=INK, width=3)
            c.line([(cx, cy), (cx + 11, cy + 6)], fill=INK, width=3)
        else:
            on = kind == "on"
            c.circle(cx, cy - 4, 20, fill=YELLOW if on else (200, 200, 200), outline=INK,
                     width=3)
            c.rect(cx - 9, cy + 14, cx + 9, cy + 26, fill=METAL, outline=INK, width=2)
            if on:
                for k in range(5):
                    a = math.radians(-180 + k * 45)
                    c.line([(cx + 28 * math.cos(a), cy - 4 + 28 * math.sin(a)),
                            (cx + 38 * math.cos(a), cy - 4 + 38 * math.sin(a))],
                           fill=YELLOW, width=4)
        # a slot for a value, as a white pill
        c.rect(480, y + 14, 570, y + 50, fill=(255, 255, 255), outline=INK, width=2,
               radius=16)
    # on the right: a bulb that blinks (on, off) with an arrow between
    _led_top(c, 790, 230, color=RED, r=40, lit=True)
    _led_top(c, 790, 450, color=(160, 160, 160), r=40)
    c.arrow(880, 250, 880, 420, color=INK, width=4)
    c.arrow(700, 420, 700, 250, color=INK, width=4)
    return c.png()


def d3_arduino_led13():
    c = Canvas()
    pin, gnd = _arduino(c, 160, 220, 760, 540)
    # an LED on pin 13 through a resistor; its short leg goes back to GND (next pin)
    p13 = pin(5)
    pg = pin(6)
    lx = p13[0] + 190
    c.circle(p13[0], p13[1], 6, fill=ORANGE, outline=None)
    c.circle(pg[0], pg[1], 6, fill=INK, outline=None)
    c.line([(p13[0], p13[1]), (p13[0], 170), (p13[0] + 20, 170)], fill=ORANGE, width=5)
    _resistor(c, p13[0] + 20, 170, lx - 12)
    c.line([(lx - 12, 170), (lx - 12, 125)], fill=METAL, width=5)
    c.line([(lx + 12, 125), (lx + 12, 150), (lx + 80, 150), (lx + 80, 30), (pg[0], 30),
            (pg[0], pg[1])], fill=INK, width=5)
    c.rect(lx - 30, 90, lx + 30, 125, fill=(245, 120, 120), outline=INK, width=3)
    c.ellipse(lx - 30, 60, lx + 30, 120, fill=(245, 120, 120), outline=INK, width=3)
    c.rect(lx - 27, 92, lx + 27, 122, fill=(245, 120, 120), outline=None, width=0)
    for k in range(5):
        a = math.radians(-160 + k * 35)
        c.line([(lx + 40 * math.cos(a), 85 + 40 * math.sin(a)),
                (lx + 52 * math.cos(a), 85 + 52 * math.sin(a))], fill=YELLOW, width=5)
    c.plus(lx - 40, 150, size=10, width=4)
    c.minus(lx + 40, 175, size=10, width=4)
    # USB cable to a laptop on the left
    c.line([(130, 295), (80, 295), (60, 380), (60, 560)], fill=INK, width=10)
    c.rect(20, 560, 120, 600, fill=GREY, radius=6)
    c.rect(10, 600, 130, 615, fill=INK, radius=4)
    c.rect(30, 520, 110, 560, fill=(120, 190, 240), outline=INK, width=3, radius=4)
    # on-board LED highlighted too
    c.circle(170 + 160, 320, 28, outline=ORANGE, width=4)
    return c.png()


def d3_traffic_light():
    c = Canvas()
    pin, gnd = _arduino(c, 40, 300, 520, 600)
    # breadboard
    bx0, by0, bx1, by1 = 560, 120, 930, 600
    c.rect(bx0, by0, bx1, by1, fill=(245, 245, 240), outline=GREY, width=3, radius=8)
    for yy in range(by0 + 30, by1 - 10, 24):
        for xx in range(bx0 + 30, bx1 - 70, 24):
            c.rect(xx - 3, yy - 3, xx + 3, yy + 3, fill=LIGHT, outline=None, width=0)
    # ground rail on the right
    c.line([(bx1 - 30, by0 + 20), (bx1 - 30, by1 - 20)], fill=BLUE, width=4)
    c.minus(bx1 - 30, by0 - 20, size=14, color=BLUE, width=5)
    # three LEDs with resistors: red, yellow, green, and three signal wires to pins
    cols = [(RED, (245, 120, 120)), ((220, 170, 30), (250, 220, 100)),
            (GREEN, (130, 210, 150))]
    for i, (wire, body) in enumerate(cols):
        y = 190 + i * 130
        c.circle(680, y, 30, fill=body, outline=INK, width=3)
        c.line([(710, y), (740, y)], fill=METAL, width=4)
        _resistor(c, 740, y, bx1 - 30)
        c.circle(bx1 - 30, y, 6, fill=BLUE, outline=None)
        p = pin(2 + i)
        c.line([(p[0], p[1]), (p[0], 150 - i * 30 + 60 - 60 + i * 0), (p[0], y - 0)],
               fill=wire, width=6)
        c.line([(p[0], y), (650, y)], fill=wire, width=6)
        c.circle(p[0], p[1], 7, fill=wire, outline=None)
    # ground wire from the board to the rail
    c.line([(gnd[0], gnd[1]), (gnd[0], 625), (bx1 - 30, 625), (bx1 - 30, by1 - 20)],
           fill=INK, width=6)
    # a traffic light pictogram, top left
    c.rect(60, 40, 170, 270, fill=(60, 60, 60), outline=INK, width=3, radius=18)
    c.circle(115, 85, 28, fill=RED, outline=INK)
    c.circle(115, 155, 28, fill=(250, 210, 60), outline=INK)
    c.circle(115, 225, 28, fill=GREEN, outline=INK)
    c.arrow(200, 155, 300, 155, color=GREY, width=5)
    return c.png()


def d3_button():
    c = Canvas()
    pin, gnd = _arduino(c, 40, 300, 520, 600)
    # push button on a small board, right side
    bx, by = 720, 300
    c.rect(bx - 70, by - 70, bx + 70, by + 70, fill=(60, 60, 60), outline=INK, width=3,
           radius=10)
    c.circle(bx, by, 40, fill=(230, 80, 80), outline=INK, width=4)
    for dx in (-60, 60):
        for dy in (-55, 55):
            c.rect(bx + dx - 6, by + dy - 6, bx + dx + 6, by + dy + 6, fill=METAL, outline=INK,
                   width=1)
    # a finger pressing
    c.ellipse(bx - 30, by - 200, bx + 30, by - 80, fill=(240, 200, 170), outline=INK, width=3)
    c.arrow(bx + 70, by - 180, bx + 70, by - 100, color=INK, width=5)
    # wire from pin 2 to one side of the button, GND to the other side
    p2 = pin(2)
    c.line([(p2[0], p2[1]), (p2[0], 200), (bx - 60, 200), (bx - 60, by - 55)], fill=GREEN,
           width=6)
    c.circle(p2[0], p2[1], 7, fill=GREEN, outline=None)
    c.line([(bx + 60, by + 55), (bx + 60, 625), (gnd[0], 625), (gnd[0], gnd[1])], fill=INK,
           width=6)
    c.minus(bx + 100, 560, size=14, width=5)
    # the board's LED lights while the button is held
    c.circle(40 + 160, 400, 30, outline=ORANGE, width=5)
    for k in range(6):
        a = math.radians(k * 60)
        c.line([(200 + 40 * math.cos(a), 407 + 40 * math.sin(a)),
                (200 + 55 * math.cos(a), 407 + 55 * math.sin(a))], fill=YELLOW, width=5)
    return c.png()


DRAWINGS = {
    "d1-iron-stand": d1_iron_stand,
    "d1-joint-good-bad": d1_joint_good_bad,
    "d1-led-polarity": d1_led_polarity,
    "d1-circuit": d1_circuit,
    "d1-led-kit": d1_led_kit,
    "d2-printer-layers": d2_printer_layers,
    "d2-keychain": d2_keychain,
    "d2-shapes-hole": d2_shapes_hole,
    "d2-infill-supports": d2_infill_supports,
    "d3-blocks": d3_blocks,
    "d3-arduino-led13": d3_arduino_led13,
    "d3-traffic-light": d3_traffic_light,
    "d3-button": d3_button,
}

