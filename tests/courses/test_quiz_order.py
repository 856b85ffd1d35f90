"""A check question's choices in an order of each girl's own: the page carries her seed
(drawn for her, outside the parts kept for every reader), her phone puts the choices in
order with it (static/js/quiz-order.js, tested in tests/js/quiz-order.test.mjs), and the
server keeps the choice she picked by its number in the lesson, never by where it stood."""

import json
import re
import shutil
import subprocess
import uuid
from pathlib import Path

from django.test import override_settings
from django.urls import reverse

from courses.models import QuizAttempt
from courses.services import quiz_seed

ROOT = Path(__file__).resolve().parents[2]
SEED = re.compile(r'<article class="lesson" data-quiz-seed="([0-9a-f]+)">')
RADIOS = re.compile(r'<label class="choice"><input\s+type="radio"\s+name="answer"\s+value="(\d)"'
                    r'[^>]*>\s+([^<]+?)\s*</label>')


def lesson(world):
    return world.curriculum["lessons"]["ky"][0]


def seed_on_page(client, page) -> str:
    html = client.get(page.url).content.decode()
    found = SEED.search(html)
    assert found, "her seed is on the lesson page"
    return found.group(1)


def shown_order(seed: str, question: str, count: int) -> list[int]:
    """The order her phone shows, worked out by the page's own script."""
    script = (
        'const vm = require("node:vm"), fs = require("node:fs"); const self = {};'
        'vm.runInNewContext(fs.readFileSync("static/js/quiz-order.js", "utf8"), { self });'
        f"console.log(JSON.stringify(self.QuizOrder.order({json.dumps(seed)}, "
        f"{json.dumps(question)}, {count})));"
    )
    node = shutil.which("node")
    assert node, "node is missing: scripts/system-packages.sh test installs it"
    result = subprocess.run([node, "-e", script], capture_output=True, text=True, cwd=ROOT,
                            timeout=30, check=True)
    return json.loads(result.stdout)


def test_each_girl_has_a_seed_of_her_own_that_is_not_her_account(client, world):
    page = lesson(world)
    client.force_login(world.girl_a)
    first = seed_on_page(client, page)
    assert seed_on_page(client, page) == first, "the same on every visit"
    client.force_login(world.girl_b)
    other = seed_on_page(client, page)  # the kept parts were drawn for girl A
    assert other != first
    for girl, seed in ((world.girl_a, first), (world.girl_b, other)):
        assert len(seed) == 16 and seed not in (str(girl.pk), f"{girl.pk:x}", girl.username)
        with override_settings(SECRET_KEY="another site's secret " * 3):
            assert quiz_seed(girl) != seed, "keyed by the site's secret, not made from her id alone"
    client.force_login(world.girl_a)
    assert seed_on_page(client, world.curriculum["lessons"]["ru"][1]) == first, (
        "one seed for all her lessons, in both languages")


def test_a_reader_who_is_not_following_the_lesson_gets_no_seed(client, world):
    html = client.get(lesson(world).url).content.decode()
    assert "data-quiz-seed" not in html and "quiz-order.js" not in html
    assert "Туура жооп: 2." in html  # the key names the choice's place as written


def test_the_question_names_itself_for_the_shuffle_and_the_choices_keep_their_numbers(
        client, world):
    page = lesson(world)
    client.force_login(world.girl_a)
    html = client.get(page.url).content.decode()
    assert f'data-question="{page.translation_key}:1"' in html
    assert RADIOS.findall(html) == [("1", "A"), ("2", "B"), ("3", "C")], (
        "written in the lesson's order: without JavaScript nothing moves")
    assert "js/quiz-order.js" in html


def test_the_answer_kept_is_the_choice_she_tapped_not_where_it_stood(client, world):
    page = lesson(world)
    client.force_login(world.girl_a)
    seed = seed_on_page(client, page)
    order = shown_order(seed, f"{page.translation_key}:1", 3)
    assert sorted(order) == [1, 2, 3]
    choices = dict(RADIOS.findall(client.get(page.url).content.decode()))
    answer_url = reverse("courses:quiz_answer", args=[page.translation_key, 1])
    for place, number in enumerate(order, start=1):
        response = client.post(answer_url, {"answer": number, "client_id": str(uuid.uuid4())},
                               HTTP_ACCEPT="application/json")
        assert response.json()["correct"] is (choices[str(number)] == "B"), (
            f"she tapped {choices[str(number)]} in place {place}")
    kept = list(QuizAttempt.objects.filter(learner=world.girl_a).order_by("answered_at", "pk")
                .values_list("answer", "is_correct"))
    assert kept == [(number, number == 2) for number in order]

