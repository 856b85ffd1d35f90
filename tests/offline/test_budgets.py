"""Page weight budgets for a lesson, measured the same way on every machine:
the compressed bytes the server sends, not the time it takes."""

import gzip
import re

import pytest
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db

HTML_BUDGET = 20 * 1024
CSS_JS_BUDGET = 30 * 1024
LINKED = re.compile(
    r'<(?:link[^>]+rel="stylesheet"[^>]+href|script[^>]+src)="(/static/[^"]+)"'
)


@pytest.fixture
def girl_on_a_lesson(client, world):
    client.force_login(world.girl_a)
    lesson = world.curriculum["lessons"]["ky"][0]
    response = client.get(lesson.url, HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    html = gzip.decompress(response.content).decode()
    assert 'data-learning="lesson"' in html, "the girl's own lesson, with its forms"
    return response, html


def test_lesson_html_is_at_most_20_kb_compressed(girl_on_a_lesson):
    response, _html = girl_on_a_lesson
    assert len(response.content) <= HTML_BUDGET, f"{len(response.content)} bytes"


def test_lesson_css_and_js_are_at_most_30_kb_compressed_on_a_first_visit(girl_on_a_lesson):
    _response, html = girl_on_a_lesson
    files = sorted(set(LINKED.findall(html)))
    assert any(f.endswith(".css") for f in files)
    assert "/static/js/offline.js" in files and "/static/js/learning.js" in files
    total = 0
    for url in files:
        path = finders.find(url.removeprefix("/static/"))
        assert path, url
        with open(path, "rb") as f:
            total += len(gzip.compress(f.read(), compresslevel=9))
    assert total <= CSS_JS_BUDGET, f"{total} bytes in {files}"


def test_service_worker_script_is_small(client):
    response = client.get("/sw.js")
    assert len(gzip.compress(response.content)) <= 4 * 1024
