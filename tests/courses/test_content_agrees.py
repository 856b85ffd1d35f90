"""Facts the shipped curriculum states twice must agree: a facilitator following one page
must not be led astray by another."""

import re

import pytest

from courses.content_files import curriculum, site_pages

DAYS = curriculum()
PAGES = site_pages()


def page(slug):
    return next(p for p in PAGES if p["slug"] == slug)


def lesson(slug):
    return next(item for day in DAYS for item in day["lessons"] if item["slug"] == slug)


def pins(sketch: str) -> dict[str, int]:
    return {name: int(number) for name, number
            in re.findall(r"const int (RED|YELLOW|GREEN)_PIN = (\d+);", sketch)}


@pytest.mark.parametrize("language", ["ky", "ru"])
def test_day_4s_traffic_light_wires_the_pins_of_the_day_3_sketch(language):
    """Day 4 sends traffic-light teams to "the day-3 code": with other pins, red and
    yellow would stay dark."""
    code = next(block["value"]["code"] for block in lesson("day3-traffic-light")[language]["body"]
                if block["type"] == "code")
    sketch = pins(code)
    assert sketch == {"RED": 12, "YELLOW": 11, "GREEN": 10}
    text = repr(DAYS[3])
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
    key_date = next(d for d in page("ort")[language]["dates"] if d["key"] == "subject-tests")
    assert str(key_date["start"])[5:7] == "06"
    steps = [step["text"] for block in DAYS[5]["lessons"][0][language]["body"]
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


@pytest.mark.parametrize("day", DAYS, ids=lambda day: day["slug"])
def test_no_answer_position_gives_the_right_answer_away(day):
    """Girls learn to pick "always the second": in no day does one position hold more
    than 40 % of the right answers, and each Russian question has its right answer
    where the Kyrgyz one has it (answers are kept by position)."""
    kyrgyz = [q["correct"] for lesson in day["lessons"] for q in quizzes(lesson["ky"])]
    russian = [q["correct"] for lesson in day["lessons"] for q in quizzes(lesson["ru"])]
    assert kyrgyz == russian
    assert kyrgyz, "a day without check questions"
    most = max(kyrgyz.count(position) for position in set(kyrgyz))
    assert most <= 0.4 * len(kyrgyz), kyrgyz


def in_language(value, language):
    """The parts of a piece of demo content written in one language (its "ky" or "ru"
    branches)."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key == language:
                yield item
            elif key not in ("ky", "ru"):
                yield from in_language(item, language)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from in_language(item, language)


def check_questions(source, language):
    """The check questions of a day, or of the role-model, ORT and GALS pages, in one
    language."""
    return [q for part in in_language(source, language) for q in quizzes(part)]


def right_answer_is_alone_at(extreme, question):
    """Whether the right answer alone is the longest (max) or shortest (min) choice."""
    lengths = [len(choice) for choice in question["choices"]]
    right = lengths[question["correct"] - 1]
    return right == extreme(lengths) and lengths.count(right) == 1


SOURCES = [*DAYS, PAGES]


@pytest.mark.parametrize("language", ["ky", "ru"])
@pytest.mark.parametrize("source", SOURCES, ids=lambda source: (
    source["slug"] if isinstance(source, dict) else "pages"))
def test_the_longest_choice_does_not_give_the_right_answer_away(source, language):
    """Girls learn to pick the longest choice when the right answer is spelled out in full
    and the wrong ones are a word or two: in no day, and not on the pages, is the right
    answer the single longest choice in more than 40 % of the questions of a language
    (with three or four choices, chance gives it a quarter to a third)."""
    questions = check_questions(source, language)
    assert questions, "no check questions"
    longest = [q["question"] for q in questions if right_answer_is_alone_at(max, q)]
    assert len(longest) <= 0.4 * len(questions), longest


@pytest.mark.parametrize("language", ["ky", "ru"])
@pytest.mark.parametrize("source", SOURCES, ids=lambda source: (
    source["slug"] if isinstance(source, dict) else "pages"))
def test_the_shortest_choice_does_not_give_the_right_answer_away_either(source, language):
    """Cutting every right answer down to the fewest words only turns the tell round: the
    right answer is the single shortest choice in no more than 40 % of the questions of a
    day, or of the pages, in a language."""
    questions = check_questions(source, language)
    shortest = [q["question"] for q in questions if right_answer_is_alone_at(min, q)]
    assert len(shortest) <= 0.4 * len(questions), shortest
