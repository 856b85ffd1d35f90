"""Facts the shipped curriculum states twice must agree: a facilitator following one page
must not be led astray by another."""

import re

import pytest

from courses.demo_content import day1, day2, day3, day4, day5, day6


def pins(sketch: str) -> dict[str, int]:
    return {name: int(number) for name, number
            in re.findall(r"const int (RED|YELLOW|GREEN)_PIN = (\d+);", sketch)}


@pytest.mark.parametrize("language", ["ky", "ru"])
def test_day_4s_traffic_light_wires_the_pins_of_the_day_3_sketch(language):
    """Day 4 sends traffic-light teams to "the day-3 code": with other pins, red and
    yellow would stay dark."""
    sketch = pins(getattr(day3, f"TRAFFIC_{language.upper()}"))
    assert sketch == {"RED": 12, "YELLOW": 11, "GREEN": 10}
    text = repr(day4.DAY)
    sentence = next(part for part in re.split(r"</p>", text)
                    if ("Светофор тандаган" if language == "ky" else "выбравшие светофор") in part)
    named = [int(n) for n in re.findall(r"\d+", sentence) if n != "3"]  # 3: the day
    assert named[:3] == [sketch["RED"], sketch["YELLOW"], sketch["GREEN"]], sentence


@pytest.mark.parametrize(("language", "subject_tests", "june"), [
    ("ky", "предметтик тесттер", "Июн"),
    ("ru", "предметные тесты", "июн"),
])
def test_day_6_and_the_ort_guide_give_the_subject_tests_the_same_month(
        language, subject_tests, june):
    """The guide's key dates put the subject tests in June; day 6's year of admission
    must not send a girl to them in May."""
    from courses.demo_content import pages

    key_date = next(d for d in pages.ORT_GUIDE["dates"] if d["key"] == "subject-tests")
    assert key_date["start"][5:7] == "06"
    steps = [step["text"] for block in day6.DAY["lessons"][0][language]["body"]
             if block["type"] == "steps" for step in block["value"]["steps"]]
    naming = [text for text in steps if subject_tests in text.lower()]
    assert naming and all(june in text for text in naming), naming


def quizzes(value):
    """Every check question in a piece of demo content, in order."""
    if isinstance(value, dict):
        if "choices" in value and "correct" in value:
            yield value
        for item in value.values():
            yield from quizzes(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from quizzes(item)


DAYS = [day1, day2, day3, day4, day5, day6]


@pytest.mark.parametrize("day", DAYS, ids=lambda day: day.__name__.rsplit(".", 1)[-1])
def test_no_answer_position_gives_the_right_answer_away(day):
    """Girls learn to pick "always the second": in no day does one position hold more
    than 40 % of the right answers, and each Russian question has its right answer
    where the Kyrgyz one has it (answers are kept by position)."""
    kyrgyz = [q["correct"] for lesson in day.DAY["lessons"] for q in quizzes(lesson["ky"])]
    russian = [q["correct"] for lesson in day.DAY["lessons"] for q in quizzes(lesson["ru"])]
    assert kyrgyz == russian
    assert kyrgyz, "a day without check questions"
    most = max(kyrgyz.count(position) for position in set(kyrgyz))
    assert most <= 0.4 * len(kyrgyz), kyrgyz
