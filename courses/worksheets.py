"""Printable worksheets for the soldering and circuit lessons, in Kyrgyz and Russian.

Three sheets, drawn by code as SVG without words (numbers mark the parts, so one
drawing serves both languages) and laid out with the numbered legend in the reader's
language by WeasyPrint (``cms.core.pdf``):

- ``circuit``: the LED circuit of day 1, battery, switch, resistor and LED, with the
  LED's long and short leg and the way the current goes;
- ``joints``: the solder-joint inspection card, a good joint and four faults, what each
  looks like and what to do, and boxes to tick for ten joints;
- ``breadboard``: a breadboard map, which holes are joined (the rails along the
  board, five holes across) and the gap in the middle, with an LED and its resistor.

Facilitators print them from the lessons that use them (``LESSON_SHEETS``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from cms.core import pdf

INK = "#1f1a24"
COPPER = "#c8793a"
SOLDER = "#b9bcc2"
SHINE = "#f4f5f7"
RED = "#c0392b"
BLUE = "#2e5fa8"
PURPLE = "#5b2a86"
GREEN = "#2f8f46"

SHEETS_DESIGN = pdf.Design(Path(__file__).resolve().parent)


def _marker(x: float, y: float, number: int) -> str:
    """A numbered circle: the legend says what it points at."""
    return (f'<circle cx="{x}" cy="{y}" r="11" fill="{PURPLE}"/>'
            f'<text x="{x}" y="{y + 4.5}" font-size="13" font-weight="bold" fill="#fff" '
            f'text-anchor="middle" font-family="DejaVu Sans">{number}</text>')


def _svg(width: int, height: int, body: str, label: str) -> str:
    return mark_safe(  # noqa: S308 - safe: numbers and constants, the label escaped
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'role="img" aria-label="{escape(label)}">{body}</svg>')


def circuit_svg() -> str:
    """Battery on the left, the switch and the resistor along the top, the LED down the
    right side, the wire back along the bottom; arrows show the current, + to -."""
    w = f'stroke="{INK}" stroke-width="3" fill="none"'
    parts = [
        # The loop of wire, left to right over the top, back along the bottom.
        f'<path d="M60 150 V60 H130" {w}/>',
        f'<path d="M180 60 H230" {w}/>',
        f'<path d="M310 60 H380 V120" {w}/>',
        f'<path d="M380 180 V240 H60 V190" {w}/>',
        # Battery: the long plate is +, the short plate -.
        f'<line x1="35" y1="150" x2="85" y2="150" stroke="{INK}" stroke-width="4"/>',
        f'<line x1="47" y1="168" x2="73" y2="168" stroke="{INK}" stroke-width="8"/>',
        f'<line x1="60" y1="168" x2="60" y2="190" stroke="{INK}" stroke-width="3"/>',
        f'<text x="95" y="148" font-size="20" fill="{RED}" font-family="DejaVu Sans">+</text>',
        f'<text x="95" y="178" font-size="22" fill="{BLUE}" font-family="DejaVu Sans">−</text>',
        # Switch: a lever between two contacts, open.
        f'<circle cx="130" cy="60" r="4" fill="{INK}"/><circle cx="180" cy="60" r="4" '
        f'fill="{INK}"/>',
        f'<line x1="130" y1="60" x2="175" y2="38" stroke="{INK}" stroke-width="3"/>',
        # Resistor: a rectangle (as drawn in schools here).
        f'<rect x="230" y="48" width="80" height="24" fill="#fff" stroke="{INK}" '
        f'stroke-width="3"/>',
        # LED: triangle pointing down (the way the current goes), bar, two light arrows.
        f'<path d="M360 120 H400 L380 150 Z" fill="#fff" stroke="{INK}" stroke-width="3"/>',
        f'<line x1="360" y1="150" x2="400" y2="150" stroke="{INK}" stroke-width="3"/>',
        f'<line x1="380" y1="150" x2="380" y2="180" stroke="{INK}" stroke-width="3"/>',
        f'<path d="M405 128 L425 116 M418 116 H425 V123 M405 142 L425 130 M418 130 H425 V137"'
        f' stroke="{INK}" stroke-width="2" fill="none"/>',
        # The current: arrows along the wire, from + round to -.
        f'<path d="M200 60 l-10 -6 v12 Z" fill="{GREEN}"/>',
        f'<path d="M380 95 l-6 -10 h12 Z" fill="{GREEN}"/>',
        f'<path d="M220 240 l10 -6 v12 Z" fill="{GREEN}"/>',
    ]
    markers = [
        _marker(20, 120, 1),    # battery
        _marker(155, 20, 2),    # switch
        _marker(270, 25, 3),    # resistor
        _marker(440, 145, 4),   # LED
        _marker(345, 110, 5),   # the LED's + leg (anode, long)
        _marker(345, 175, 6),   # the LED's - leg (cathode, short)
        _marker(220, 215, 7),   # the current's way
    ]
    return _svg(460, 260, "".join(parts + markers), "1-7")


def _pad(x: float, y: float) -> str:
    """A copper ring on the board with the lead through it, seen from the side."""
    return (f'<rect x="{x - 40}" y="{y}" width="80" height="10" fill="#3c7d4a"/>'
            f'<rect x="{x - 22}" y="{y - 3}" width="44" height="4" fill="{COPPER}"/>'
            f'<line x1="{x}" y1="{y - 60}" x2="{x}" y2="{y + 22}" stroke="#8a8f98" '
            f'stroke-width="4"/>')


def joints_svg() -> str:
    """Five joints side by side: good, too much, dull and lumpy, a bridge, too little."""
    parts = []
    gap = 130
    for index in range(5):
        x = 70 + index * gap
        y = 100
        if index == 3:  # a bridge: two pads joined by solder
            parts.append(_pad(x - 22, y).replace("width=\"80\"", "width=\"100\""))
            parts.append(f'<rect x="{x + 2}" y="{y - 3}" width="36" height="4" fill="{COPPER}"/>'
                         f'<line x1="{x + 20}" y1="{y - 60}" x2="{x + 20}" y2="{y + 22}" '
                         f'stroke="#8a8f98" stroke-width="4"/>')
            parts.append(f'<path d="M{x - 44} {y - 3} Q{x - 22} {y - 34} {x} {y - 12} '
                         f'Q{x + 20} {y - 34} {x + 42} {y - 3} Z" fill="{SOLDER}" '
                         f'stroke="{INK}" stroke-width="1.5"/>')
        else:
            parts.append(_pad(x, y))
        if index == 0:  # good: a shiny cone with concave sides covering the ring
            parts.append(f'<path d="M{x - 22} {y - 3} Q{x - 6} {y - 10} {x - 3} {y - 34} '
                         f'H{x + 3} Q{x + 6} {y - 10} {x + 22} {y - 3} Z" fill="{SOLDER}" '
                         f'stroke="{INK}" stroke-width="1.5"/>'
                         f'<path d="M{x - 12} {y - 6} Q{x - 5} {y - 12} {x - 4} {y - 26}" '
                         f'stroke="{SHINE}" stroke-width="3" fill="none"/>')
        elif index == 1:  # too much: a ball
            parts.append(f'<circle cx="{x}" cy="{y - 22}" r="22" fill="{SOLDER}" '
                         f'stroke="{INK}" stroke-width="1.5"/>'
                         f'<circle cx="{x - 8}" cy="{y - 30}" r="5" fill="{SHINE}"/>')
        elif index == 2:  # cold: dull, grey, lumpy
            parts.append(f'<path d="M{x - 20} {y - 3} l4 -9 l5 3 l3 -12 l6 4 l4 -14 l5 8 '
                         f'l4 -4 l3 12 l5 -2 l1 14 Z" fill="#8d8a86" stroke="{INK}" '
                         f'stroke-width="1.5"/>')
        elif index == 4:  # too little: the ring not covered
            parts.append(f'<path d="M{x - 6} {y - 3} Q{x - 3} {y - 8} {x - 2} {y - 14} '
                         f'H{x + 2} Q{x + 3} {y - 8} {x + 6} {y - 3} Z" fill="{SOLDER}" '
                         f'stroke="{INK}" stroke-width="1.5"/>')
        parts.append(_marker(x, 150, index + 1))
    # A tick under the good joint, a cross under each fault.
    parts.append(f'<path d="M55 180 l10 10 l20 -22" stroke="{GREEN}" stroke-width="5" '
                 f'fill="none"/>')
    for index in range(1, 5):
        x = 70 + index * gap
        parts.append(f'<path d="M{x - 10} 170 l20 20 M{x + 10} 170 l-20 20" stroke="{RED}" '
                     f'stroke-width="5"/>')
    return _svg(660, 200, "".join(parts), "1-5")


def breadboard_svg() -> str:
    """A small breadboard seen from above: rails along both edges, columns of five holes
    a-e and f-j, the gap between; the joined holes coloured; an LED across the gap with
    its resistor from the + rail."""
    columns, step, left, top = 15, 26, 60, 40
    rows = ["+", "−", "a", "b", "c", "d", "e", "", "f", "g", "h", "i", "j", "+", "−"]
    width = left + columns * step + 30
    height = top + len(rows) * step + 30
    parts = [f'<rect x="{left - 30}" y="{top - 30}" width="{columns * step + 50}" '
             f'height="{len(rows) * step + 40}" rx="10" fill="#f3f1ec" stroke="{INK}" '
             f'stroke-width="2"/>']
    y_of = {}
    for index, name in enumerate(rows):
        y = top + index * step
        y_of.setdefault(name, []).append(y)
        if not name:  # the gap in the middle
            parts.append(f'<rect x="{left - 12}" y="{y - 7}" width="{columns * step}" '
                         f'height="14" fill="#d9d4cb"/>')
            continue
        colour = RED if name == "+" else BLUE if name == "−" else INK
        parts.append(f'<text x="{left - 24}" y="{y + 5}" font-size="13" fill="{colour}" '
                     f'font-family="DejaVu Sans">{name}</text>')
        if name in "+−":  # a rail: every hole of the line joined
            parts.append(f'<line x1="{left - 8}" y1="{y}" x2="{left + (columns - 1) * step + 8}"'
                         f' y2="{y}" stroke="{colour}" stroke-width="8" opacity="0.35"/>')
        for column in range(columns):
            x = left + column * step
            parts.append(f'<rect x="{x - 4}" y="{y - 4}" width="8" height="8" fill="{INK}"/>')
    for column in range(0, columns, 2):
        parts.append(f'<text x="{left + column * step}" y="{top + 2 * step - 14}" '
                     f'font-size="10" text-anchor="middle" fill="{INK}" '
                     f'font-family="DejaVu Sans">{column + 1}</text>')
    # One column of five joined holes (a-e of column 4) and one of f-j (column 4).
    x4 = left + 3 * step
    a, e = y_of["a"][0], y_of["e"][0]
    f, j = y_of["f"][0], y_of["j"][0]
    parts.append(f'<line x1="{x4}" y1="{a - 8}" x2="{x4}" y2="{e + 8}" stroke="{GREEN}" '
                 f'stroke-width="10" opacity="0.45"/>')
    parts.append(f'<line x1="{x4}" y1="{f - 8}" x2="{x4}" y2="{j + 8}" stroke="{PURPLE}" '
                 f'stroke-width="10" opacity="0.35"/>')
    # An LED across the gap (columns 9 and 10 of rows e and f) and its resistor from +.
    x9, x10 = left + 8 * step, left + 9 * step
    plus = y_of["+"][0]
    minus = y_of["−"][1]
    parts.append(f'<path d="M{x9} {e} L{x9} {e + 16} M{x10} {f} L{x10} {f - 16}" '
                 f'stroke="#8a8f98" stroke-width="3"/>'
                 f'<circle cx="{(x9 + x10) / 2}" cy="{(e + f) / 2}" r="15" fill="{RED}" '
                 f'opacity="0.85"/>')
    parts.append(f'<path d="M{x9} {plus} V{a - 10}" stroke="#8a8f98" stroke-width="3"/>'
                 f'<rect x="{x9 - 6}" y="{plus + 8}" width="12" height="30" rx="4" '
                 f'fill="#d8b36a" stroke="{INK}" stroke-width="1.5"/>'
                 f'<path d="M{x10} {j} V{minus}" stroke="{INK}" stroke-width="3"/>')
    parts += [
        _marker(left + columns * step + 8, y_of["+"][0], 1),
        _marker(left + columns * step + 8, y_of["−"][0], 2),
        _marker(x4 - 26, (a + e) / 2, 3),
        _marker(left + columns * step + 8, (e + f) / 2, 4),
        _marker(x10 + 30, (e + f) / 2, 5),
        _marker(x9 + 24, plus + 24, 6),
    ]
    return _svg(width + 20, height, "".join(parts), "1-6")


@dataclass(frozen=True)
class Sheet:
    key: str
    title: object
    intro: object
    draw: object
    legend: tuple
    tasks: tuple = ()


SHEETS = {
    "circuit": Sheet(
        "circuit", _("The LED circuit"),
        _("Trace the way of the current with a finger, from the battery's + round to its −. "
          "Then build the same circuit on your board."),
        circuit_svg,
        (
            _("Battery: the long plate is plus (+), the short one minus (−)."),
            _("Switch: open, as drawn, the way is broken and no current flows."),
            _("Resistor, 220 Ω: limits the current so that the LED does not burn out."),
            _("LED: lights only when the current goes the way its triangle points."),
            _("The LED's long leg (anode, +): towards the battery's plus."),
            _("The LED's short leg (cathode, −), by the flat edge of its rim: towards the "
              "battery's minus."),
            _("The way of the current: from plus, through every part, back to minus. One "
              "break anywhere, and nothing lights."),
        ),
        (
            _("Close the switch in pencil: which way does the current go now?"),
            _("What happens if the LED is turned round? Why?"),
        ),
    ),
    "joints": Sheet(
        "joints", _("Solder-joint inspection card"),
        _("Look at each joint under a good light, from the side, and compare it with the "
          "pictures."),
        joints_svg,
        (
            _("Good: shiny, a small cone with hollow sides, covers the whole copper ring. "
              "Nothing to do."),
            _("Too much solder: a round ball. It may hide a joint that does not hold. Take "
              "some off with the iron and desoldering wick."),
            _("Cold joint: grey, dull, lumpy. The ring or the leg was not hot enough. Heat "
              "the ring and the leg together, then add a little solder."),
            _("Bridge: solder joins two rings. The current takes a short cut. Pull the iron "
              "between them, or take the solder off with the wick."),
            _("Too little solder: the ring shows round the leg. Heat both and add a little "
              "solder."),
        ),
        (
            _("My joints: write the number of each joint's picture (1 to 5) in its box."),
        ),
    ),
    "breadboard": Sheet(
        "breadboard", _("Breadboard map"),
        _("A breadboard joins parts without solder: metal strips under the holes join some "
          "holes together. Colour the joined holes of your own board the same way."),
        breadboard_svg,
        (
            _("Plus rail (+): every hole along this line is joined. Connect it to the "
              "battery's or the board's plus."),
            _("Minus rail (−): every hole along this line is joined; connect it to minus "
              "(GND)."),
            _("A column of five holes, a to e (and f to j): these five are joined, and "
              "nothing else."),
            _("The gap in the middle: the two halves are not joined. A part whose legs "
              "must not touch sits across it."),
            _("An LED across the gap: its long leg on one side, its short leg on the other."),
            _("A resistor from the plus rail to the LED's column: every path to the LED "
              "goes through it."),
        ),
        (
            _("Put the LED into two holes of one column of five. Why does it not light?"),
        ),
    ),
}

#: The lessons (by slug, the same in both languages) that print these sheets.
LESSON_SHEETS = {
    "day1-soldering-safety": ("joints",),
    "day1-how-a-circuit-works": ("circuit", "breadboard"),
    "day1-first-led-kit": ("circuit", "joints"),
    "d4-night-light-circuit-code": ("breadboard", "circuit"),
    "d4-test-troubleshoot": ("joints", "breadboard"),
}


def sheets_for(slug: str) -> list[Sheet]:
    return [SHEETS[key] for key in LESSON_SHEETS.get(slug, ())]


def sheet_pdf(key: str, language: str) -> bytes:
    """One worksheet as an A4 PDF in ``language``."""
    sheet = SHEETS[key]
    with translation.override(language):
        html = render_to_string("courses/worksheet_pdf.html", {
            "sheet": sheet,
            "drawing": sheet.draw(),
            "boxes": range(1, 11) if key == "joints" else (),
            "today": timezone.localdate(),
            "LANGUAGE_CODE": language,
        })
    return pdf.render(html, SHEETS_DESIGN)[0]
