"""Every template of the project keeps to the Content Security Policy and escapes.

Read from the files, so a template added by any app tomorrow is checked too: a
browser would silently refuse an inline script without the nonce, a style="..."
attribute or an onclick="..." handler, and an unescaped value is how a name or a
caption typed by a user would become a script.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
PROJECT_CODE = ["cms", "courses", "camp", "gals"]


def project_templates() -> list[Path]:
    folders = [ROOT / "templates"] + [ROOT / app / "templates" for app in PROJECT_CODE]
    return sorted(p for folder in folders if folder.exists() for p in folder.rglob("*.html"))


def is_pdf_document(path: Path) -> bool:
    """Templates that WeasyPrint turns into PDFs (paged-media CSS, named pdf_*, or the
    _pdf_* pieces they include) are never sent to a browser, so the Content Security
    Policy does not apply to them."""
    return path.name.startswith(("pdf", "_pdf")) or "@page" in path.read_text()


def web_templates() -> list[Path]:
    return [p for p in project_templates() if not is_pdf_document(p)]


def project_python() -> list[Path]:
    return sorted(
        p for app in PROJECT_CODE for p in (ROOT / app).rglob("*.py") if "migrations" not in p.parts
    )


INLINE_CODE = re.compile(r"<(script|style)\b(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"<[a-z][^>]*\sstyle\s*=", re.IGNORECASE)
JAVASCRIPT_URL = re.compile(r"(href|src|action)\s*=\s*[\"']?\s*javascript:", re.IGNORECASE)
DATA_BLOCK = re.compile(r'type=["\']application/(ld\+)?json["\']', re.IGNORECASE)


def test_the_scan_sees_the_templates():
    names = {p.name for p in project_templates()}
    assert {"base.html", "500.html", "404.html"} <= names


def test_inline_scripts_and_styles_carry_the_nonce():
    offending = []
    for path in web_templates():
        for match in INLINE_CODE.finditer(path.read_text()):
            tag = match.group(0)
            if DATA_BLOCK.search(tag):
                continue
            if "CSP_NONCE" not in tag and "csp_nonce" not in tag:
                offending.append(f"{path.relative_to(ROOT)}: {tag}")
    assert not offending, (
        'add nonce="{{ CSP_NONCE }}" (or move the code to a static file):\n'
        + "\n".join(offending)
    )


def test_no_inline_handlers_style_attributes_or_javascript_urls():
    offending = []
    for path in web_templates():
        text = path.read_text()
        for pattern, what in ((HANDLER, "event handler attribute"),
                              (STYLE_ATTRIBUTE, "style attribute"),
                              (JAVASCRIPT_URL, "javascript: URL")):
            for match in pattern.finditer(text):
                offending.append(f"{path.relative_to(ROOT)}: {what}: {match.group(0)[:80]}")
    assert not offending, "refused by the Content Security Policy:\n" + "\n".join(offending)


def test_nothing_switches_html_escaping_off():
    """`|safe`, `{% autoescape off %}` and mark_safe() turn text into markup; rich text
    goes through Wagtail's `|richtext` instead. A deliberate use must say why on the
    same line with `safe:` (e.g. `{# safe: built by format_html #}`)."""
    offending = []
    for path in project_templates():
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if re.search(r"\|\s*safe\b|autoescape\s+off", line) and "safe:" not in line:
                offending.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()[:80]}")
    for path in project_python():
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if re.search(r"\bmark_safe\(|SafeString\(", line) and "safe:" not in line:
                offending.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()[:80]}")
    assert not offending, "escaping switched off:\n" + "\n".join(offending)


@pytest.mark.parametrize("language, words", [
    ("ky", "Бул сырсөз өтө кыска"), ("ru", "Этот пароль слишком короткий")])
def test_the_password_rules_speak_kyrgyz_and_russian(language, words):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError
    from django.utils import translation

    with translation.override(language), pytest.raises(ValidationError) as refused:
        validate_password("Ab9")
    assert any(words in message for message in refused.value.messages)
    assert not any("too short" in message for message in refused.value.messages)
