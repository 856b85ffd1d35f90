"""Every message a person reads exists in Kyrgyz and Russian."""

from pathlib import Path

import polib
import pytest

LOCALE = Path(__file__).resolve().parent.parent / "locale"


@pytest.mark.parametrize("language", ["ky", "ru"])
def test_catalogue_has_no_empty_or_fuzzy_entries(language):
    catalogue = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    assert len(catalogue) > 50
    untranslated = [e.msgid for e in catalogue.untranslated_entries() if not e.obsolete]
    fuzzy = [e.msgid for e in catalogue.fuzzy_entries()]
    assert not untranslated, untranslated[:10]
    assert not fuzzy, fuzzy[:10]


@pytest.mark.parametrize("language", ["ky", "ru"])
def test_plural_forms_match_the_language(language):
    catalogue = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    expected = {"ky": "nplurals=1;", "ru": "nplurals=3;"}[language]
    assert catalogue.metadata["Plural-Forms"].replace(" ", "").startswith(expected)


def test_kyrgyz_catalogue_keeps_its_letters():
    text = (LOCALE / "ky" / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    for letter in "ңөү":
        assert letter in text
    for look_alike in ("\u04ca", "\u04b1"):  # ӊ and Kazakh ұ are not Kyrgyz letters
        assert look_alike not in text
