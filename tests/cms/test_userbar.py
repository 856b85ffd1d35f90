"""Wagtail's "edit this page" bar: for the people who edit, never on girls' or parents' pages."""

import pytest


@pytest.mark.parametrize("who, shown", [
    ("editor", True), ("manager", True), ("admin", True),
    ("girl_a", False), ("guardian_a", False),
])
def test_the_edit_bar_shows_only_to_those_who_edit(client, world, who, shown):
    lesson = world.curriculum["lessons"]["ky"][0]
    client.force_login(getattr(world, who))
    page = client.get(lesson.url).content.decode()
    assert ("<wagtail-userbar" in page) is shown
