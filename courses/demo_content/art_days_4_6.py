"""Drawings for camp days 4-6 (team project, presenting, university).

Every drawing is a flat diagram made with Pillow, without words, so one picture serves both
languages. Functions are called lazily by the loader; nothing is drawn at import time. The
files offered for download are in ``courses/content/files``.
"""

import io
import math

from PIL import Image, ImageDraw

W, H = 960, 640
S = 2  # draw at double size, then scale down for smooth edges

BG = (250, 247, 240)
INK = (52, 58, 74)
GREY = (196, 200, 208)
LIGHT = (232, 234, 238)
TEAL = (38, 150, 150)
ORANGE = (240, 140, 50)
YELLOW = (252, 205, 60)
RED = (214, 72, 72)
GREEN = (70, 160, 90)
PURPLE = (130, 90, 170)
BLUE = (70, 120, 200)
SKIN = (222, 170, 130)
SKIN2 = (190, 135, 95)
HAIR = (60, 40, 35)
WOOD = (196, 150, 100)


def _canvas(bg=BG):
    img = Image.new("RGB", (W * S, H * S), bg)
    return img, ImageDraw.Draw(img)


def _png(img, colours=48):
    small = img.resize((W, H), Image.LANCZOS)
    pal = small.quantize(colors=colours, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    buf = io.BytesIO()
    pal.save(buf, format="PNG", optimize=True)
    return buf.getvalue()


def _s(*vals):
    """Scale coordinates given in 960x640 space to the supersampled canvas."""
    return [v * S for v in vals]


def _circle(d, cx, cy, r, fill, outline=None, width=0):
    d.ellipse(_s(cx - r, cy - r, cx + r, cy + r), fill=fill, outline=outline, width=width * S)


def _rect(d, x0, y0, x1, y1, fill, outline=None, width=0, radius=0):
    d.rounded_rectangle(_s(x0, y0, x1, y1), radius=radius * S, fill=fill,
                        outline=outline, width=width * S)


def _line(d, pts, fill, width):
    d.line([v * S for p in pts for v in p], fill=fill, width=width * S, joint="curve")


def _poly(d, pts, fill, outline=None, width=0):
    d.polygon([v * S for p in pts for v in p], fill=fill, outline=outline,
              width=width * S if outline else 0)


def _arrow(d, x0, y0, x1, y1, fill=INK, width=6, head=18):
    ang = math.atan2(y1 - y0, x1 - x0)
    bx, by = x1 - head * math.cos(ang), y1 - head * math.sin(ang)
    _line(d, [(x0, y0), (bx, by)], fill, width)
    left = (bx + head * 0.6 * math.sin(ang), by - head * 0.6 * math.cos(ang))
    right = (bx - head * 0.6 * math.sin(ang), by + head * 0.6 * math.cos(ang))
    _poly(d, [(x1, y1), left, right], fill)


def _person(d, cx, top, shirt, skin=SKIN, hair=HAIR, scale=1.0, scarf=None, arm_up=False):
    """A simple standing person: head at (cx, top), body below it."""
    r = 26 * scale
    hy = top + r
    if scarf:
        _circle(d, cx, hy, r + 6 * scale, scarf)
    else:
        _circle(d, cx, hy - 3 * scale, r + 3 * scale, hair)
    _circle(d, cx, hy, r, skin)
    by = hy + r + 6 * scale
    bw = 44 * scale
    _poly(d, [(cx - bw * 0.7, by), (cx + bw * 0.7, by), (cx + bw, by + 110 * scale),
              (cx - bw, by + 110 * scale)], shirt)
    if arm_up:
        _line(d, [(cx + bw * 0.6, by + 12 * scale), (cx + bw * 1.6, by - 40 * scale)],
              shirt, int(16 * scale))
        _circle(d, cx + bw * 1.6, by - 44 * scale, 9 * scale, skin)


def _seated(d, cx, top, shirt, skin=SKIN, hair=HAIR, scale=1.0, scarf=None):
    """Head and shoulders only, for people seen from behind a table or in an audience."""
    r = 24 * scale
    hy = top + r
    if scarf:
        _circle(d, cx, hy, r + 6 * scale, scarf)
    else:
        _circle(d, cx, hy - 3 * scale, r + 3 * scale, hair)
    _circle(d, cx, hy, r, skin)
    sy = hy + r + 4 * scale
    d.pieslice(_s(cx - 48 * scale, sy, cx + 48 * scale, sy + 90 * scale), 180, 360, fill=shirt)


def _glow(d, cx, cy, r, colour=YELLOW):
    for i in range(8):
        a = i * math.pi / 4
        _line(d, [(cx + (r + 8) * math.cos(a), cy + (r + 8) * math.sin(a)),
                  (cx + (r + 24) * math.cos(a), cy + (r + 24) * math.sin(a))], colour, 5)
    _circle(d, cx, cy, r, colour)


def _flag(d, x, y, colour, h=70):
    _line(d, [(x, y), (x, y - h)], INK, 5)
    _poly(d, [(x, y - h), (x + 40, y - h + 14), (x, y - h + 28)], colour)


# --- Day 4 -------------------------------------------------------------------------------

def d4_team_table():
    """Four girls around a table, a small glowing gadget, a laptop and a sketch sheet."""
    img, d = _canvas()
    _rect(d, 0, 560, 960, 640, LIGHT)
    # people behind the table
    _seated(d, 300, 150, TEAL, scale=1.4)
    _seated(d, 480, 120, PURPLE, scale=1.4, scarf=RED)
    _seated(d, 660, 150, ORANGE, skin=SKIN2, scale=1.4)
    # table
    d.ellipse(_s(120, 330, 840, 560), fill=WOOD)
    d.ellipse(_s(130, 336, 830, 540), fill=(214, 172, 122))
    # person at the front left, seen from behind
    _circle(d, 170, 470, 44, HAIR)
    d.pieslice(_s(90, 500, 250, 680), 180, 360, fill=BLUE)
    # sketch sheet with a box drawing
    _poly(d, [(260, 420), (400, 400), (420, 480), (280, 500)], (255, 255, 255))
    _poly(d, [(300, 440), (360, 430), (370, 470), (310, 480)], None, INK, 3)
    _line(d, [(300, 440), (320, 425), (380, 416), (360, 430)], INK, 3)
    # gadget: a small case with an LED
    _rect(d, 450, 380, 560, 450, TEAL, radius=10)
    _rect(d, 450, 380, 560, 398, (30, 120, 120), radius=8)
    _glow(d, 505, 360, 14)
    # laptop
    _poly(d, [(600, 450), (740, 440), (760, 490), (610, 500)], GREY)
    _poly(d, [(610, 448), (730, 440), (720, 370), (600, 378)], INK)
    _poly(d, [(618, 442), (722, 435), (714, 380), (608, 386)], (120, 190, 220))
    # pencils
    _line(d, [(420, 500), (470, 520)], ORANGE, 8)
    _line(d, [(640, 520), (700, 505)], GREEN, 8)
    return _png(img)


def d4_case():
    """A box-shaped printed case: lid lifted, a round hole for an LED, a slot for the cable."""
    img, d = _canvas()
    ox, oy = 280, 300  # front-left-bottom corner of the box (isometric)
    wx, wy = 300, 0  # width direction
    dx, dy = 130, -90  # depth direction
    h = 150
    front = [(ox, oy), (ox + wx, oy + wy), (ox + wx, oy + wy + h), (ox, oy + h)]
    side = [(ox + wx, oy + wy), (ox + wx + dx, oy + wy + dy), (ox + wx + dx, oy + wy + dy + h),
            (ox + wx, oy + wy + h)]
    top_open = [(ox, oy), (ox + wx, oy), (ox + wx + dx, oy + dy), (ox + dx, oy + dy)]
    _poly(d, top_open, (40, 110, 110))
    # inner back wall and board inside
    _poly(d, [(ox + 14, oy - 4), (ox + wx - 10, oy - 4), (ox + wx + dx - 16, oy + dy + 8),
              (ox + dx + 10, oy + dy + 8)], (30, 90, 90))
    _poly(d, [(ox + 80, oy - 20), (ox + 220, oy - 20), (ox + 270, oy - 60), (ox + 130, oy - 60)],
          GREEN)
    for i in range(6):
        _circle(d, ox + 140 + i * 18, oy - 40, 4, YELLOW)
    _poly(d, front, TEAL)
    _poly(d, side, (30, 125, 125))
    # LED hole on the front with the LED glowing
    _circle(d, ox + 150, oy + 70, 24, (20, 60, 60))
    _glow(d, ox + 150, oy + 70, 16)
    # cable slot on the side
    _poly(d, [(ox + wx + 40, oy - 28 + 110), (ox + wx + 90, oy - 62 + 110),
              (ox + wx + 90, oy - 62 + 130), (ox + wx + 40, oy - 28 + 130)], (20, 60, 60))
    # lid lifted above
    ly = -170
    lid = [(ox, oy + ly), (ox + wx, oy + ly), (ox + wx + dx, oy + dy + ly), (ox + dx, oy + dy + ly)]
    _poly(d, lid, (90, 190, 185))
    _poly(d, [(ox, oy + ly), (ox + wx, oy + ly), (ox + wx, oy + ly + 22), (ox, oy + ly + 22)], TEAL)
    _poly(d, [(ox + wx, oy + ly), (ox + wx + dx, oy + dy + ly), (ox + wx + dx, oy + dy + ly + 22),
              (ox + wx, oy + ly + 22)], (30, 125, 125))
    # dimension arrows: width under the box, height on the left
    _arrow(d, ox + 150, oy + h + 40, ox, oy + h + 40, INK, 4, 14)
    _arrow(d, ox + 150, oy + h + 40, ox + wx, oy + h + 40, INK, 4, 14)
    _arrow(d, ox - 40, oy + 75, ox - 40, oy, INK, 4, 14)
    _arrow(d, ox - 40, oy + 75, ox - 40, oy + h, INK, 4, 14)
    # ruler at the bottom
    _rect(d, 200, 560, 760, 600, YELLOW, radius=4)
    for i in range(29):
        tick = 20 if i % 5 == 0 else 10
        _line(d, [(210 + i * 19, 560), (210 + i * 19, 560 + tick)], INK, 2)
    return _png(img)


def d4_circuit():
    """Breadboard with a light sensor, a resistor, an LED and wires to a small board."""
    img, d = _canvas()
    # microcontroller board on the left
    _rect(d, 60, 200, 300, 440, BLUE, radius=12)
    _rect(d, 40, 280, 90, 340, GREY, radius=4)  # USB socket
    _rect(d, 140, 270, 240, 370, INK, radius=6)  # chip
    for i in range(10):
        _rect(d, 110 + i * 18, 212, 120 + i * 18, 226, (240, 240, 240))
        _rect(d, 110 + i * 18, 414, 120 + i * 18, 428, (240, 240, 240))
    # breadboard
    _rect(d, 420, 150, 900, 500, (245, 245, 245), outline=GREY, width=3, radius=10)
    _line(d, [(440, 180), (880, 180)], RED, 4)
    _line(d, [(440, 470), (880, 470)], BLUE, 4)
    for row in range(9):
        for col in range(22):
            _circle(d, 450 + col * 20, 220 + row * 26, 3, GREY)
    # light sensor (photoresistor) with a wavy track
    _circle(d, 520, 270, 26, (250, 220, 170), outline=INK, width=2)
    pts = [(502 + i * 4, 270 + (8 if i % 2 else -8)) for i in range(10)]
    _line(d, pts, RED, 3)
    _arrow(d, 470, 190, 500, 240, ORANGE, 4, 12)
    _arrow(d, 440, 210, 480, 250, ORANGE, 4, 12)
    # fixed resistor under it
    _line(d, [(520, 300), (520, 330)], INK, 3)
    _rect(d, 508, 330, 532, 400, (220, 190, 140), radius=8)
    for i, c in enumerate([(140, 90, 40), INK, ORANGE]):
        _rect(d, 508, 342 + i * 16, 532, 348 + i * 16, c)
    _line(d, [(520, 400), (520, 470)], INK, 3)
    _line(d, [(520, 244), (520, 180)], INK, 3)
    # LED with its resistor
    _line(d, [(720, 330), (720, 400)], INK, 3)
    _rect(d, 708, 400, 732, 460, (220, 190, 140), radius=8)
    _rect(d, 708, 412, 732, 418, RED)
    _rect(d, 708, 428, 732, 434, RED)
    _line(d, [(720, 460), (720, 470)], INK, 3)
    _line(d, [(760, 300), (760, 380)], INK, 3)
    d.pieslice(_s(720, 240, 800, 320), 180, 360, fill=YELLOW)
    _rect(d, 720, 280, 800, 310, YELLOW)
    _rect(d, 714, 306, 806, 316, (230, 180, 40))
    _line(d, [(740, 316), (740, 330), (720, 330)], INK, 3)
    _glow(d, 760, 250, 0, (255, 230, 120))
    # wires from the board
    _line(d, [(300, 240), (360, 240), (360, 180), (440, 180)], RED, 7)
    _line(d, [(300, 400), (380, 400), (380, 470), (440, 470)], INK, 7)
    _line(d, [(300, 300), (400, 300), (400, 310), (520, 310)], GREEN, 7)
    _line(d, [(300, 340), (600, 340), (600, 380), (760, 380)], ORANGE, 7)
    return _png(img)


def d4_troubleshoot():
    """A check flow: four checks in circles joined by arrows, ending in a glowing lamp."""
    img, d = _canvas()
    centres = [(140, 200), (380, 200), (620, 200), (380, 460), (620, 460)]
    colours = [RED, ORANGE, PURPLE, BLUE, GREEN]
    _arrow(d, 200, 200, 318, 200)
    _arrow(d, 440, 200, 558, 200)
    _line(d, [(620, 262), (620, 320), (380, 320)], INK, 6)
    _arrow(d, 380, 320, 380, 396)
    _arrow(d, 440, 460, 558, 460)
    for (x, y), c in zip(centres, colours):
        _circle(d, x, y, 62, c)
        _circle(d, x, y, 50, (255, 255, 255))
    # 1: LED with long and short leg
    x, y = centres[0]
    d.pieslice(_s(x - 18, y - 36, x + 18, y), 180, 360, fill=RED)
    _rect(d, x - 18, y - 18, x + 18, y + 2, RED)
    _line(d, [(x - 8, y + 2), (x - 8, y + 40)], INK, 4)
    _line(d, [(x + 8, y + 2), (x + 8, y + 26)], INK, 4)
    # 2: resistor
    x, y = centres[1]
    _line(d, [(x - 44, y), (x + 44, y)], INK, 4)
    _rect(d, x - 26, y - 12, x + 26, y + 12, (220, 190, 140), radius=8)
    for i, c in enumerate([(140, 90, 40), RED, (140, 90, 40)]):
        _rect(d, x - 14 + i * 12, y - 12, x - 8 + i * 12, y + 12, c)
    # 3: solder joint cone on a board
    x, y = centres[2]
    _rect(d, x - 40, y + 10, x + 40, y + 22, GREEN)
    _poly(d, [(x - 18, y + 10), (x + 18, y + 10), (x + 3, y - 22), (x - 3, y - 22)], GREY)
    _line(d, [(x, y - 22), (x, y - 40)], INK, 4)
    # 4: code lines with a pin number marker
    x, y = centres[3]
    for i, wdt in enumerate([60, 40, 52]):
        _rect(d, x - 34, y - 24 + i * 18, x - 34 + wdt, y - 16 + i * 18, INK, radius=3)
    _circle(d, x + 30, y + 16, 10, ORANGE)
    # 5: success - glowing lamp
    x, y = centres[4]
    _glow(d, x, y - 6, 22)
    _rect(d, x - 12, y + 18, x + 12, y + 34, GREY, radius=3)
    # a small tick mark beside the last circle
    _line(d, [(720, 470), (745, 495), (800, 430)], GREEN, 12)
    return _png(img)


def d4_family_evening():
    """A family evening: parents and grandmother sit with a girl who shows her gadget."""
    img, d = _canvas((245, 240, 230))
    _rect(d, 0, 500, 960, 640, (225, 210, 185))
    # window with a moon: it is evening
    _rect(d, 700, 60, 880, 220, (40, 60, 110), outline=WOOD, width=10, radius=6)
    _circle(d, 790, 130, 34, (250, 240, 200))
    _circle(d, 806, 120, 30, (40, 60, 110))
    # family seated
    _seated(d, 180, 250, (120, 100, 90), scale=1.3, scarf=(240, 240, 240))  # grandmother
    _seated(d, 330, 230, BLUE, scale=1.4)  # father
    _seated(d, 480, 240, RED, scale=1.35, scarf=PURPLE)  # mother
    _seated(d, 620, 290, GREEN, scale=1.1)  # brother
    # girl standing, showing the gadget
    _person(d, 800, 260, TEAL, scale=1.3, arm_up=False)
    _rect(d, 700, 380, 770, 420, TEAL, radius=8)
    _glow(d, 735, 370, 10)
    # low table with tea
    _rect(d, 140, 470, 680, 500, WOOD, radius=6)
    for x in (220, 380, 540):
        _rect(d, x, 448, x + 30, 470, (255, 255, 255), radius=6)
    _rect(d, 600, 436, 650, 470, ORANGE, radius=10)
    return _png(img)


# --- Day 5 -------------------------------------------------------------------------------

def d5_presenting():
    """A girl presents her gadget beside a board with a simple chart; an audience listens."""
    img, d = _canvas()
    # board with a simple chart
    _rect(d, 470, 60, 880, 320, (255, 255, 255), outline=INK, width=5, radius=8)
    for i, (hgt, c) in enumerate([(60, TEAL), (110, ORANGE), (170, GREEN)]):
        _rect(d, 530 + i * 100, 290 - hgt, 590 + i * 100, 290, c)
    _line(d, [(510, 290), (850, 290)], INK, 3)
    _line(d, [(760, 96), (840, 96)], INK, 4)
    _line(d, [(760, 116), (820, 116)], INK, 4)
    # presenter with a raised hand
    _person(d, 320, 120, PURPLE, scale=1.6, scarf=TEAL, arm_up=True)
    _rect(d, 180, 300, 260, 340, TEAL, radius=8)
    _glow(d, 220, 292, 10)
    # audience from behind
    for i, (c, hc) in enumerate([(BLUE, HAIR), (RED, (90, 60, 40)), (GREEN, HAIR),
                                 (ORANGE, (40, 30, 30)), (TEAL, HAIR)]):
        x = 120 + i * 180
        _circle(d, x, 470, 40, hc)
        d.pieslice(_s(x - 80, 500, x + 80, 700), 180, 360, fill=c)
    return _png(img)


def d5_feedback():
    """Two girls talk: one holds a card with two stars, the other a card with an arrow."""
    img, d = _canvas()
    _person(d, 280, 180, TEAL, scale=1.6)
    _person(d, 680, 180, ORANGE, skin=SKIN2, scale=1.6, scarf=PURPLE)
    # speech bubbles
    _rect(d, 330, 60, 560, 170, (255, 255, 255), outline=INK, width=4, radius=30)
    _poly(d, [(360, 168), (340, 210), (400, 168)], (255, 255, 255))
    _line(d, [(360, 168), (340, 210), (400, 168)], INK, 4)

    def star(cx, cy, r, colour):
        pts = []
        for i in range(10):
            rad = r if i % 2 == 0 else r * 0.45
            a = -math.pi / 2 + i * math.pi / 5
            pts.append((cx + rad * math.cos(a), cy + rad * math.sin(a)))
        _poly(d, pts, colour)

    star(400, 115, 36, YELLOW)
    star(490, 115, 36, YELLOW)
    _rect(d, 420, 260, 620, 370, (255, 255, 255), outline=INK, width=4, radius=30)
    _poly(d, [(590, 368), (640, 400), (560, 368)], (255, 255, 255))
    _line(d, [(590, 368), (640, 400), (560, 368)], INK, 4)
    _arrow(d, 450, 340, 590, 285, GREEN, 10, 30)
    _rect(d, 0, 560, 960, 640, LIGHT)
    return _png(img)


def d5_mentor():
    """A woman engineer with a helmet and a tablet talks with three girls; a tower behind."""
    img, d = _canvas()
    # background: a wind turbine and a small solar panel
    _line(d, [(820, 520), (820, 200)], GREY, 12)
    for a in (90, 210, 330):
        r = math.radians(a)
        _line(d, [(820, 200), (820 + 110 * math.cos(r), 200 - 110 * math.sin(r))], GREY, 10)
    _circle(d, 820, 200, 12, INK)
    _poly(d, [(640, 520), (740, 520), (760, 460), (660, 460)], BLUE)
    _line(d, [(700, 520), (700, 560)], INK, 6)
    _rect(d, 0, 560, 960, 640, LIGHT)
    # mentor with a helmet
    _person(d, 220, 170, (60, 90, 140), scale=1.7)
    d.pieslice(_s(170, 150, 270, 230), 180, 360, fill=YELLOW)
    _rect(d, 160, 186, 280, 196, YELLOW)
    _rect(d, 300, 320, 360, 400, INK, radius=6)
    _rect(d, 306, 326, 354, 394, (120, 190, 220), radius=4)
    # three girls listening
    _person(d, 470, 260, TEAL, scale=1.25, scarf=RED)
    _person(d, 570, 250, PURPLE, skin=SKIN2, scale=1.3)
    _person(d, 420, 330, ORANGE, scale=1.0)
    # question marks are letters, so use a light bulb idea symbol instead
    _glow(d, 520, 170, 18)
    _rect(d, 512, 192, 528, 206, GREY, radius=2)
    return _png(img)


# --- Day 6 -------------------------------------------------------------------------------

def d6_vision_journey():
    """Vision Journey: sun top-right, circle bottom-left, a winding road with milestone flags,
    opportunities above the road and risks below it."""
    img, d = _canvas((255, 253, 245))
    # sun (the dream) top-right
    for i in range(12):
        a = i * math.pi / 6
        _line(d, [(820 + 80 * math.cos(a), 120 + 80 * math.sin(a)),
                  (820 + 110 * math.cos(a), 120 + 110 * math.sin(a))], ORANGE, 8)
    _circle(d, 820, 120, 66, YELLOW)
    # today: circle bottom-left
    _circle(d, 120, 540, 58, TEAL)
    _circle(d, 120, 540, 40, (255, 253, 245))
    _circle(d, 120, 540, 14, TEAL)
    # winding road
    road = [(160, 510), (260, 470), (330, 500), (420, 430), (520, 420), (580, 330), (680, 300),
            (740, 210)]
    _line(d, road, (150, 150, 160), 46)
    _line(d, road, (200, 200, 205), 36)
    for a, b in zip(road, road[1:]):
        mx, my = (a[0] + b[0]) / 2, (a[1] + b[1]) / 2
        _line(d, [((a[0] + mx) / 2, (a[1] + my) / 2), ((mx + b[0]) / 2, (my + b[1]) / 2)],
              (255, 255, 255), 5)
    # milestones
    for (x, y), c in zip([(330, 470), (520, 392), (680, 272)], [RED, PURPLE, BLUE]):
        _flag(d, x, y, c)
    # opportunities above the road: book, helping hand (heart), phone with signal
    _rect(d, 230, 300, 300, 350, BLUE, radius=4)
    _line(d, [(265, 300), (265, 350)], (255, 255, 255), 4)
    hx, hy = 430, 250
    _circle(d, hx - 14, hy, 18, RED)
    _circle(d, hx + 14, hy, 18, RED)
    _poly(d, [(hx - 31, hy + 6), (hx + 31, hy + 6), (hx, hy + 44)], RED)
    _rect(d, 560, 130, 600, 200, INK, radius=6)
    _rect(d, 566, 140, 594, 184, (120, 190, 220))
    for i in range(3):
        d.arc(_s(600 - 10 - i * 12, 120 - 10 - i * 12, 620 + i * 12, 140 + i * 12),
              290, 340, fill=GREEN, width=4 * S)
    # risks below the road: stones, a storm cloud, a clock
    for x, y, r in [(330, 590, 22), (360, 600, 16), (300, 600, 14)]:
        _circle(d, x, y, r, (140, 130, 120))
    cx, cy = 560, 540
    for dx, dy, r in [(-30, 0, 28), (0, -16, 34), (34, 0, 28)]:
        _circle(d, cx + dx, cy + dy, r, (120, 130, 150))
    _poly(d, [(cx - 4, cy + 24), (cx + 14, cy + 24), (cx + 2, cy + 50), (cx + 18, cy + 50),
              (cx - 12, cy + 86), (cx - 2, cy + 56), (cx - 16, cy + 56)], YELLOW)
    _circle(d, 800, 470, 40, (255, 255, 255), outline=INK, width=5)
    _line(d, [(800, 470), (800, 444)], INK, 5)
    _line(d, [(800, 470), (822, 480)], INK, 5)
    # small footprints (actions) between the milestones
    for x, y in [(250, 455), (420, 400), (600, 300)]:
        d.ellipse(_s(x, y - 34, x + 12, y - 16), fill=INK)
        d.ellipse(_s(x + 16, y - 44, x + 28, y - 26), fill=INK)
    return _png(img)


def d6_admission_year():
    """A year as twelve month blocks on a line: registration (Feb-Apr), the test (May),
    applications (July), the start of studies (September)."""
    img, d = _canvas()
    _line(d, [(60, 360), (900, 360)], INK, 6)
    _arrow(d, 880, 360, 920, 360, INK, 6, 22)
    colours = {1: ORANGE, 2: ORANGE, 3: ORANGE, 4: RED, 6: GREEN, 8: BLUE}
    for i in range(12):
        x0 = 70 + i * 68
        c = colours.get(i, GREY)
        hgt = 60 if c == GREY else 120
        _rect(d, x0, 360 - hgt, x0 + 56, 350, c, radius=6)
        _circle(d, x0 + 28, 380, 8, INK)
    # registration: a hand writing on a form over the orange blocks
    _rect(d, 194, 120, 274, 220, (255, 255, 255), outline=INK, width=4, radius=6)
    for i in range(4):
        _line(d, [(209, 145 + i * 20), (259, 145 + i * 20)], ORANGE, 4)
    _line(d, [(244, 230), (294, 180)], INK, 8)
    # test day: a pencil and a test sheet with ticks over the red block
    _rect(d, 335, 120, 405, 220, (255, 255, 255), outline=INK, width=4, radius=6)
    for i in range(3):
        _circle(d, 355, 145 + i * 26, 8, RED)
        _line(d, [(373, 145 + i * 26), (395, 145 + i * 26)], INK, 4)
    # application: a phone with an arrow up over the green block
    _rect(d, 471, 110, 541, 230, INK, radius=10)
    _rect(d, 479, 124, 533, 210, (200, 235, 210))
    _arrow(d, 506, 200, 506, 136, GREEN, 8, 20)
    # graduation cap at the far right: study starts in autumn
    _poly(d, [(642, 150), (712, 180), (642, 210), (572, 180)], INK)
    _rect(d, 612, 190, 672, 230, INK, radius=6)
    _line(d, [(702, 184), (702, 230)], YELLOW, 4)
    # bottom: a girl walking along the year
    _person(d, 130, 430, TEAL, scale=0.9, scarf=PURPLE)
    _arrow(d, 190, 540, 420, 540, TEAL, 6, 20)
    return _png(img)


def d6_showcase():
    """Showcase: project tables with gadgets, families walking by, a rolled certificate."""
    img, d = _canvas()
    _rect(d, 0, 520, 960, 640, LIGHT)
    # bunting
    _line(d, [(0, 40), (480, 90), (960, 40)], INK, 3)
    cols = [RED, YELLOW, TEAL, PURPLE, ORANGE, GREEN]
    for i in range(12):
        x = 40 + i * 76
        y = 40 + 50 * (1 - abs(x - 480) / 480)
        _poly(d, [(x - 20, y), (x + 20, y), (x, y + 40)], cols[i % 6])
    # two project tables
    for x0, c in ((80, TEAL), (520, PURPLE)):
        _rect(d, x0, 360, x0 + 340, 390, WOOD, radius=4)
        _line(d, [(x0 + 20, 390), (x0 + 20, 520)], WOOD, 10)
        _line(d, [(x0 + 320, 390), (x0 + 320, 520)], WOOD, 10)
        _rect(d, x0 + 60, 310, x0 + 140, 360, c, radius=8)
        _glow(d, x0 + 100, 300, 10)
        _poly(d, [(x0 + 200, 360), (x0 + 290, 360), (x0 + 280, 300), (x0 + 210, 300)],
              (255, 255, 255))
        _line(d, [(x0 + 220, 320), (x0 + 270, 320)], INK, 3)
        _line(d, [(x0 + 220, 340), (x0 + 260, 340)], INK, 3)
    # girls behind the tables
    _seated(d, 250, 190, TEAL, scale=1.2, scarf=RED)
    _seated(d, 690, 190, PURPLE, skin=SKIN2, scale=1.2)
    # family visitors in front
    _person(d, 460, 330, BLUE, scale=1.2)
    _person(d, 880, 340, RED, scale=1.1, scarf=(240, 240, 240))
    # certificate: a rolled paper with a ribbon
    _rect(d, 40, 540, 220, 600, (255, 250, 230), outline=ORANGE, width=4, radius=26)
    _circle(d, 130, 570, 16, RED)
    _poly(d, [(122, 580), (112, 620), (128, 606)], RED)
    _poly(d, [(138, 580), (148, 620), (132, 606)], RED)
    return _png(img)


DRAWINGS = {
    "d4-team-table": d4_team_table,
    "d4-case": d4_case,
    "d4-circuit": d4_circuit,
    "d4-troubleshoot": d4_troubleshoot,
    "d4-family-evening": d4_family_evening,
    "d5-presenting": d5_presenting,
    "d5-feedback": d5_feedback,
    "d5-mentor": d5_mentor,
    "d6-vision-journey": d6_vision_journey,
    "d6-admission-year": d6_admission_year,
    "d6-showcase": d6_showcase,
}
