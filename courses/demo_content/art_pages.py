"""Drawings for the site pages (home, role models, ORT guide, GALS intro).

Flat, friendly Pillow drawings with no words in them, so one picture serves both
languages. Every function returns PNG bytes; nothing is drawn at import time.
"""

import io

from PIL import Image, ImageDraw

W, H = 960, 640

# A small shared palette: light background, a few warm and cool colours.
BG = (250, 246, 238)
BG_BLUE = (234, 243, 250)
BG_GREEN = (238, 247, 236)
INK = (52, 58, 74)
SKIN = (226, 178, 140)
SKIN2 = (196, 146, 108)
HAIR = (46, 36, 34)
RED = (214, 78, 72)
ORANGE = (238, 146, 58)
YELLOW = (247, 201, 72)
GREEN = (88, 168, 112)
TEAL = (48, 150, 160)
BLUE = (70, 118, 196)
PURPLE = (140, 98, 176)
GREY = (170, 176, 186)
DARK = (86, 92, 108)
WHITE = (255, 255, 255)
BROWN = (150, 102, 68)


def _png(img):
    """Quantize to a small palette and return optimized PNG bytes."""
    pal = img.convert("RGB").quantize(colors=24, method=Image.Quantize.MEDIANCUT, dither=0)
    buf = io.BytesIO()
    pal.save(buf, format="PNG", optimize=True)
    return buf.getvalue()


def _canvas(bg=BG):
    img = Image.new("RGB", (W, H), bg)
    return img, ImageDraw.Draw(img)


def _person(d, cx, base, s=1.0, shirt=BLUE, skin=SKIN, hair=HAIR, scarf=None,
            long_hair=True, beard=False, grey_hair=False):
    """A stylised person seen from the front, standing; ``base`` is the foot line.

    Returns the y of the head centre and of the shoulders.
    """
    hair_col = GREY if grey_hair else hair
    head_r = 34 * s
    body_h = 130 * s
    body_w = 96 * s
    top = base - body_h - 50 * s
    # legs
    d.rounded_rectangle([cx - 30 * s, base - 60 * s, cx - 6 * s, base], 8 * s, fill=INK)
    d.rounded_rectangle([cx + 6 * s, base - 60 * s, cx + 30 * s, base], 8 * s, fill=INK)
    # body
    d.rounded_rectangle([cx - body_w / 2, top + 2 * head_r - 4 * s, cx + body_w / 2,
                         base - 50 * s], 26 * s, fill=shirt)
    hy = top + head_r
    if long_hair and not scarf:
        d.rounded_rectangle([cx - head_r - 6 * s, hy - head_r, cx + head_r + 6 * s,
                             hy + head_r * 1.5], 20 * s, fill=hair_col)
    d.ellipse([cx - head_r, hy - head_r, cx + head_r, hy + head_r], fill=skin)
    if scarf:
        d.chord([cx - head_r - 6 * s, hy - head_r - 8 * s, cx + head_r + 6 * s,
                 hy + head_r], 180, 360, fill=scarf)
        d.polygon([(cx - head_r - 6 * s, hy), (cx - head_r + 2 * s, hy + head_r * 1.3),
                   (cx - head_r + 10 * s, hy)], fill=scarf)
    else:
        d.chord([cx - head_r, hy - head_r - 4 * s, cx + head_r, hy + head_r * 0.6],
                180, 360, fill=hair_col)
    if beard:
        d.chord([cx - head_r * 0.8, hy - head_r * 0.2, cx + head_r * 0.8, hy + head_r * 1.1],
                0, 180, fill=hair_col)
    # eyes and smile
    d.ellipse([cx - 14 * s, hy - 2 * s, cx - 8 * s, hy + 4 * s], fill=INK)
    d.ellipse([cx + 8 * s, hy - 2 * s, cx + 14 * s, hy + 4 * s], fill=INK)
    d.arc([cx - 12 * s, hy + 2 * s, cx + 12 * s, hy + 18 * s], 20, 160, fill=INK,
          width=max(2, int(3 * s)))
    return hy, top + 2 * head_r + 18 * s


def _arm(d, x0, y0, x1, y1, shirt, s=1.0):
    d.line([(x0, y0), (x1, y1)], fill=shirt, width=int(22 * s))
    d.ellipse([x1 - 11 * s, y1 - 11 * s, x1 + 11 * s, y1 + 11 * s], fill=SKIN)


def _goggles(d, cx, hy, s=1.0):
    d.rounded_rectangle([cx - 30 * s, hy - 14 * s, cx + 30 * s, hy + 6 * s], 8 * s,
                        outline=TEAL, width=int(5 * s))
    d.line([(cx, hy - 14 * s), (cx, hy + 6 * s)], fill=TEAL, width=int(4 * s))


def _laptop(d, x, y, w=170, scr=(190, 226, 240)):
    """Laptop seen from the side of the viewer: screen back and base."""
    d.rounded_rectangle([x, y - w * 0.62, x + w, y], 10, fill=DARK)
    d.rounded_rectangle([x + 10, y - w * 0.62 + 10, x + w - 10, y - 10], 6, fill=scr)
    d.rounded_rectangle([x - 18, y, x + w + 18, y + 14], 6, fill=GREY)


def _code_lines(d, x, y, w, rows=5):
    cols = [BLUE, ORANGE, GREEN, PURPLE, RED]
    for i in range(rows):
        ind = 18 if i % 3 else 0
        d.rounded_rectangle([x + ind, y + i * 18, x + ind + w * (0.35 + 0.12 * (i % 4)),
                             y + i * 18 + 8], 4, fill=cols[i % len(cols)])


def _printer(d, x, y, w=190, h=200, part=ORANGE, spool=True):
    """A 3D printer frame with a nozzle and a half-printed part on the bed."""
    d.rectangle([x, y, x + 14, y + h], fill=DARK)
    d.rectangle([x + w - 14, y, x + w, y + h], fill=DARK)
    d.rectangle([x, y, x + w, y + 14], fill=DARK)
    d.rectangle([x - 10, y + h, x + w + 10, y + h + 22], fill=INK)
    d.rectangle([x + 14, y + 60, x + w - 14, y + 72], fill=GREY)
    d.polygon([(x + w / 2 - 18, y + 72), (x + w / 2 + 18, y + 72), (x + w / 2, y + 98)],
              fill=RED)
    d.rectangle([x + 30, y + h - 14, x + w - 30, y + h], fill=GREY)
    d.rounded_rectangle([x + w / 2 - 36, y + h - 56, x + w / 2 + 36, y + h - 14], 6,
                        fill=part)
    if not spool:
        return
    # spool of filament on the side
    d.ellipse([x + w + 20, y + 20, x + w + 80, y + 80], fill=part)
    d.ellipse([x + w + 40, y + 40, x + w + 60, y + 60], fill=WHITE)


def _table(d, x0, x1, y, col=BROWN):
    d.rectangle([x0, y, x1, y + 16], fill=col)
    d.rectangle([x0 + 20, y + 16, x0 + 36, H - 40], fill=col)
    d.rectangle([x1 - 36, y + 16, x1 - 20, H - 40], fill=col)


def _floor(d, y=H - 40, col=(228, 220, 204)):
    d.rectangle([0, y, W, H], fill=col)


def home_hero():
    """Three girls at a workbench: soldering, a laptop and a 3D printer."""
    img, d = _canvas(BG)
    # window with mountains
    d.rounded_rectangle([360, 50, 600, 210], 12, fill=BG_BLUE, outline=GREY, width=6)
    d.polygon([(372, 200), (440, 110), (500, 200)], fill=(190, 204, 222))
    d.polygon([(450, 200), (520, 95), (590, 200)], fill=(170, 186, 210))
    d.polygon([(505, 118), (520, 95), (535, 118)], fill=WHITE)
    d.ellipse([380, 70, 414, 104], fill=YELLOW)
    _floor(d)
    # three girls behind the bench, the bench hides them below the waist
    hy1, sh1 = _person(d, 110, 500, 1.0, shirt=RED, scarf=YELLOW)
    _goggles(d, 110, hy1)
    _, sh2 = _person(d, 390, 500, 1.0, shirt=TEAL)
    _, sh3 = _person(d, 690, 500, 1.0, shirt=PURPLE)
    _table(d, 30, 930, 430)
    # left: circuit board, the soldering iron resting in its stand
    d.rounded_rectangle([160, 396, 270, 430], 6, fill=GREEN)
    for i in range(4):
        d.ellipse([172 + i * 24, 406, 184 + i * 24, 418], fill=YELLOW)
    d.ellipse([250, 378, 264, 392], fill=RED)
    d.line([(256, 392), (256, 402)], fill=GREY, width=3)
    d.polygon([(270, 430), (310, 430), (290, 404)], fill=DARK)
    d.line([(290, 404), (300, 340)], fill=INK, width=12)
    d.line([(300, 340), (303, 318)], fill=GREY, width=5)
    _arm(d, 150, sh1, 190, 418, RED)
    # middle: laptop with block code
    _laptop(d, 450, 430, 160)
    _code_lines(d, 472, 344, 110, 4)
    _arm(d, 430, sh2, 480, 428, TEAL)
    # right: 3D printer
    _printer(d, 760, 240, 150, 170, part=ORANGE, spool=False)
    _arm(d, 730, sh3, 790, 330, PURPLE)
    return _png(img)


def role_energy():
    """An electrical engineer at a switchboard, mountains of Naryn behind."""
    img, d = _canvas(BG_BLUE)
    d.polygon([(0, 420), (180, 200), (340, 420)], fill=(196, 210, 226))
    d.polygon([(200, 420), (400, 160), (620, 420)], fill=(178, 194, 216))
    d.polygon([(360, 212), (400, 160), (440, 212)], fill=WHITE)
    # power line pylon
    d.line([(110, 420), (150, 230), (190, 420)], fill=DARK, width=6)
    d.line([(120, 300), (180, 300)], fill=DARK, width=6)
    d.line([(100, 250), (200, 250)], fill=DARK, width=6)
    d.line([(200, 250), (960, 200)], fill=DARK, width=2)
    _floor(d, H - 60, (214, 222, 230))
    # switchboard cabinet
    d.rounded_rectangle([520, 150, 880, 580], 14, fill=(206, 212, 220), outline=DARK, width=6)
    for r in range(3):
        for c in range(4):
            x = 560 + c * 80
            y = 190 + r * 90
            d.rounded_rectangle([x, y, x + 50, y + 60], 6, fill=WHITE, outline=DARK, width=3)
            on = (r + c) % 2 == 0
            d.rectangle([x + 18, y + (10 if on else 30), x + 32, y + (30 if on else 50)],
                        fill=GREEN if on else RED)
    d.ellipse([570, 470, 610, 510], fill=YELLOW)
    d.ellipse([630, 470, 670, 510], fill=GREEN)
    d.rounded_rectangle([700, 470, 840, 530], 8, fill=INK)
    d.line([(712, 510), (740, 486), (770, 505), (800, 482), (828, 496)], fill=GREEN, width=4)
    # engineer with helmet and tablet
    hy, sh = _person(d, 380, 590, 1.4, shirt=ORANGE, long_hair=True)
    d.chord([380 - 54, hy - 68, 380 + 54, hy + 16], 180, 360, fill=YELLOW)
    d.rectangle([380 - 60, hy - 28, 380 + 60, hy - 19], fill=YELLOW)
    # reflective stripe on the jacket
    d.rectangle([380 - 67, sh + 50, 380 + 67, sh + 62], fill=WHITE)
    _arm(d, 430, sh + 10, 560, 330, ORANGE, 1.2)
    # tablet in the other hand
    d.rounded_rectangle([270, sh + 20, 330, sh + 95], 6, fill=INK)
    d.rectangle([278, sh + 30, 322, sh + 85], fill=(190, 226, 240))
    d.line([(282, sh + 70), (296, sh + 55), (306, sh + 64), (318, sh + 44)], fill=GREEN, width=3)
    return _png(img)


def role_developer():
    """A software developer at a desk with a laptop, a big window onto the city."""
    img, d = _canvas(BG)
    d.rounded_rectangle([80, 60, 480, 330], 12, fill=BG_BLUE, outline=GREY, width=6)
    for i, (h, col) in enumerate([(150, (190, 204, 222)), (210, (170, 186, 210)),
                                  (120, (200, 212, 228)), (180, (180, 196, 218))]):
        x = 100 + i * 92
        d.rectangle([x, 324 - h, x + 70, 324], fill=col)
        for k in range(3):
            d.rectangle([x + 14, 324 - h + 20 + k * 36, x + 28, 324 - h + 38 + k * 36],
                        fill=YELLOW)
    # plant
    d.rounded_rectangle([840, 360, 900, 430], 8, fill=ORANGE)
    for dx, dy in [(-30, -60), (0, -80), (30, -60)]:
        d.ellipse([870 + dx - 20, 370 + dy - 20, 870 + dx + 20, 370 + dy + 30], fill=GREEN)
    _floor(d)
    _, sh = _person(d, 560, 520, 1.3, shirt=TEAL, long_hair=True)
    _table(d, 380, 920, 430)
    _laptop(d, 640, 430, 170)
    _code_lines(d, 662, 340, 120, 4)
    _arm(d, 610, sh + 6, 660, 426, TEAL, 1.2)
    # cup of tea and a phone
    d.rounded_rectangle([440, 396, 476, 430], 6, fill=RED)
    d.arc([468, 402, 488, 422], 270, 90, fill=RED, width=5)
    d.rounded_rectangle([850, 414, 900, 430], 4, fill=INK)
    # speech-like bubble with brackets shape made of bars (no letters)
    d.rounded_rectangle([700, 90, 900, 210], 24, fill=WHITE, outline=GREY, width=4)
    _code_lines(d, 724, 112, 130, 4)
    return _png(img)


def role_3dlab():
    """A civil engineer in a lab with a 3D printer and a printed bridge model."""
    img, d = _canvas(BG_GREEN)
    # blueprint on the wall
    d.rounded_rectangle([70, 70, 380, 280], 10, fill=BLUE)
    d.line([(100, 230), (350, 230)], fill=WHITE, width=4)
    d.arc([120, 130, 330, 330], 180, 360, fill=WHITE, width=4)
    for x in range(140, 330, 40):
        d.line([(x, 230), (x, 175 if 170 < x < 290 else 205)], fill=WHITE, width=3)
    _floor(d, H - 40, (220, 230, 214))
    _table(d, 60, 920, 440)
    _printer(d, 560, 230, 200, 190, part=PURPLE)
    # printed bridge model on the table
    d.rectangle([120, 410, 360, 424], fill=ORANGE)
    d.arc([140, 350, 340, 480], 180, 360, fill=ORANGE, width=10)
    d.rectangle([126, 424, 146, 440], fill=ORANGE)
    d.rectangle([334, 424, 354, 440], fill=ORANGE)
    _, sh = _person(d, 440, 540, 1.4, shirt=RED, scarf=TEAL)
    # safety helmet on the table edge
    d.chord([850, 380, 930, 450], 180, 360, fill=YELLOW)
    d.rectangle([842, 412, 938, 420], fill=YELLOW)
    _arm(d, 500, sh + 8, 590, 410, RED, 1.2)
    _arm(d, 380, sh + 8, 330, 405, RED, 1.2)
    return _png(img)


def gals_family():
    """A family sits in a circle around a drawing on the floor: a road to a sun."""
    img, d = _canvas(BG)
    # big sheet on the floor, drawn in perspective as an ellipse-like rug
    d.ellipse([120, 300, 840, 600], fill=(240, 228, 206))
    d.rounded_rectangle([300, 380, 660, 530], 10, fill=WHITE, outline=GREY, width=3)
    d.ellipse([600, 392, 644, 436], fill=YELLOW)
    d.ellipse([318, 488, 346, 516], fill=BLUE)
    d.line([(340, 498), (420, 470), (480, 480), (560, 440), (604, 420)], fill=BROWN, width=8)
    for x, y in [(420, 470), (480, 480), (560, 440)]:
        d.ellipse([x - 8, y - 8, x + 8, y + 8], fill=RED)
    d.polygon([(430, 420), (446, 396), (462, 420)], fill=GREEN)
    d.polygon([(500, 520), (516, 504), (532, 520)], fill=GREY)
    # family around the sheet: back row standing-ish, sides
    _person(d, 200, 420, 0.9, shirt=PURPLE, scarf=WHITE, grey_hair=True)   # grandmother
    _person(d, 340, 330, 0.85, shirt=GREEN, long_hair=False, beard=True)   # father
    _person(d, 480, 320, 0.8, shirt=RED, scarf=YELLOW)                    # mother
    _person(d, 620, 330, 0.8, shirt=BLUE, long_hair=False)                # brother
    _person(d, 770, 420, 0.9, shirt=ORANGE, long_hair=True)               # the girl
    # facilitator's marker in the girl's hand
    d.line([(720, 330), (680, 380)], fill=TEAL, width=8)
    # a few hearts/stars as decoration (shapes only)
    for x, y, c in [(100, 120, YELLOW), (860, 100, TEAL), (480, 60, RED)]:
        d.regular_polygon((x, y, 18), 5, fill=c)
    return _png(img)


def ort_road():
    """A road from a village house to a university building, with milestones."""
    img, d = _canvas(BG_BLUE)
    d.polygon([(0, 360), (200, 180), (420, 360)], fill=(200, 214, 230))
    d.polygon([(300, 360), (520, 150), (760, 360)], fill=(184, 200, 222))
    d.ellipse([820, 50, 900, 130], fill=YELLOW)
    d.rectangle([0, 360, W, H], fill=(214, 232, 204))
    # winding road
    d.polygon([(120, 640), (300, 640), (520, 430), (760, 360), (820, 360), (560, 470),
               (380, 640)], fill=(226, 214, 190))
    d.polygon([(120, 640), (300, 640), (560, 470), (820, 360), (760, 360), (520, 430)],
              fill=(226, 214, 190))
    # village house bottom-left
    d.rectangle([40, 470, 170, 560], fill=WHITE, outline=BROWN, width=4)
    d.polygon([(28, 474), (105, 410), (182, 474)], fill=RED)
    d.rectangle([90, 510, 120, 560], fill=BROWN)
    # university building top-right
    d.rectangle([700, 230, 920, 360], fill=WHITE, outline=DARK, width=4)
    d.polygon([(690, 234), (810, 180), (930, 234)], fill=BLUE)
    for x in range(720, 910, 40):
        d.rectangle([x, 250, x + 16, 350], fill=GREY)
    # milestones: flags along the road
    for x, y, c in [(330, 560, ORANGE), (470, 470, GREEN), (620, 410, PURPLE)]:
        d.line([(x, y), (x, y - 70)], fill=INK, width=5)
        d.polygon([(x, y - 70), (x + 44, y - 56), (x, y - 42)], fill=c)
    # a girl walking with a backpack
    _person(d, 250, 600, 0.7, shirt=TEAL, long_hair=True)
    d.rounded_rectangle([200, 470, 222, 520], 6, fill=ORANGE)
    return _png(img)


DRAWINGS = {
    "pg-home-hero": home_hero,
    "pg-role-energy": role_energy,
    "pg-role-developer": role_developer,
    "pg-role-3dlab": role_3dlab,
    "pg-gals-family": gals_family,
    "pg-ort-road": ort_road,
}

