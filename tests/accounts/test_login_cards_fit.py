"""Login cards keep every word inside the card, and a username on one line, even the
longest username the generator can make (measured with poppler's pdftotext -bbox)."""

import re
import subprocess

from camp.accounts import login_cards_pdf
from cms.core.accounts import username_stem
from cms.core.models import Role
from tests.system_tools import tool
from tests.world import make_user

MM = 72 / 25.4
PAGE_MARGIN, CARD_WIDTH, CARD_HEIGHT = 10 * MM, (210 - 20) / 2 * MM, 68 * MM


def words(pdf: bytes, tmp_path) -> list[tuple[int, float, float, float, float, str]]:
    """(page, x min, y min, x max, y max, word) of every word poppler reads."""
    path = tmp_path / "cards.pdf"
    path.write_bytes(pdf)
    html = subprocess.run([tool("pdftotext"), "-bbox", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout
    found, page = [], 0
    for line in html.splitlines():
        if "<page " in line:
            page += 1
        match = re.search(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">'
                          r"(.*?)</word>", line)
        if match:
            x0, y0, x1, y1 = (float(v) for v in match.groups()[:4])
            found.append((page, x0, y0, x1, y1, match.group(5)))
    return found


def test_the_longest_username_fits_one_line_and_every_word_stays_in_its_card(world,
                                                                              tmp_path):
    longest = f"{username_stem('Ш' * 50, 'Щ')}-{'9' * 8}"  # 30 letters, initial, 8 digits
    assert len(longest) == 41
    girls = [make_user(longest, Role.LEARNER, first_name="Шшшшшшшшшшшшшшшшш", last_name="Щ")]
    girls += [make_user(f"{username_stem(name, 'К')}-1234", Role.LEARNER, first_name=name,
                        last_name="К") for name in ("Айгүл", "Нурзат", "Бегимай")]
    pdf = login_cards_pdf(world.camp_a, [(girl, "482913") for girl in girls],
                          lambda girl: f"https://camp.example/ky/pin/{girl.username}/")
    found = words(pdf, tmp_path)
    assert any(word == longest for *_box, word in found), "the username is split"
    for _page, x0, y0, x1, y1, word in found:
        column = int((x0 - PAGE_MARGIN) // CARD_WIDTH)
        row = int((y0 - PAGE_MARGIN) // CARD_HEIGHT)
        left, top = PAGE_MARGIN + column * CARD_WIDTH, PAGE_MARGIN + row * CARD_HEIGHT
        assert left < x0 and x1 < left + CARD_WIDTH, f"{word!r} runs past the card's side"
        assert top < y0 and y1 < top + CARD_HEIGHT, f"{word!r} runs past the card's foot"
