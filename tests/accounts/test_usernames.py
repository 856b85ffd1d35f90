"""Readable usernames from Kyrgyz and Russian names; PINs that are not the first guess."""

import re

import pytest

from cms.core.accounts import make_pin, transliterate, unique_username, username_stem


@pytest.mark.parametrize("name, latin", [
    ("Айгүл", "aigul"), ("Жаңыл", "janyl"), ("Төрөкан", "torokan"), ("Үмүт", "umut"),
    ("Нурзат", "nurzat"), ("Чолпон", "cholpon"), ("Щукина", "schukina"),
    ("Юлия", "yuliya"), ("Элмира", "elmira"), ("Ӊ", "n"), ("Анна-Мария", "anna-mariya"),
    ("Salta", "salta"),
])
def test_kyrgyz_and_russian_letters_become_latin(name, latin):
    assert transliterate(name) == latin


def test_a_username_is_first_name_initial_and_four_digits(db):
    assert re.fullmatch(r"aigul-k-\d{4}", unique_username("Айгүл", "К"))
    assert username_stem("Өмүркан", "Ү") == "omurkan-u"


def test_two_girls_with_the_same_name_get_different_usernames(db):
    taken: set[str] = set()
    names = {unique_username("Айгүл", "К", taken) for _ in range(50)}
    assert len(names) == 50


def test_pins_are_six_digits_and_never_the_obvious_ones():
    pins = {make_pin() for _ in range(500)}
    assert all(re.fullmatch(r"\d{6}", pin) for pin in pins)
    assert not pins & {"000000", "111111", "123456", "654321", "987654"}
