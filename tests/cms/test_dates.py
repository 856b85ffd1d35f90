"""Dates read as each language writes them: Kyrgyz "2026-жылдын 29-октябры" and
"29-октябрь", Russian "29 октября 2026 г." and "29 октября" (cms/formats)."""

import datetime

import pytest
from django.template import Context, Template
from django.utils import translation

OCTOBER_29 = datetime.date(2026, 10, 29)
KEY_DATE = Template('{% include "blocks/key_date_block.html" %}')


@pytest.mark.parametrize(("language", "date", "day_and_month"), [
    ("ky", "2026-жылдын 29-октябры", "29-октябрь"),
    ("ru", "29 октября 2026 г.", "29 октября"),
])
def test_a_date_and_a_day_of_the_month_read_as_the_language_writes_them(
        language, date, day_and_month):
    page = Template('{{ d|date:"DATE_FORMAT" }} / {{ d|date:"MONTH_DAY_FORMAT" }}')
    with translation.override(language):
        assert page.render(Context({"d": OCTOBER_29})) == f"{date} / {day_and_month}"


def test_every_kyrgyz_month_has_its_form_of_the_year():
    """"2026-жылдын 1-январы", "...-майы", "...-июну": lower case, with the ending
    the month takes after "-жылдын"."""
    expected = ["январы", "февралы", "марты", "апрели", "майы", "июну", "июлу", "августу",
                "сентябры", "октябры", "ноябры", "декабры"]
    with translation.override("ky"):
        written = [Template('{{ d|date:"DATE_FORMAT" }}').render(
            Context({"d": datetime.date(2026, month, 1)})) for month in range(1, 13)]
    assert written == [f"2026-жылдын 1-{month}" for month in expected]


def test_a_key_date_of_the_admission_year_in_kyrgyz():
    value = {"label": "ЖРТ", "start": datetime.date(2027, 5, 10),
             "end": datetime.date(2027, 5, 20)}
    with translation.override("ky"):
        html = KEY_DATE.render(Context({"value": value}))
    assert "10-май – 2027-жылдын 20-майы" in html
