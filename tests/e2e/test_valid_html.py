"""Every page type, in both languages, is valid HTML for the Nu HTML Checker (vnu-jar,
run once with the machine's Java for all pages). The HTML is what the server sends."""

from tests.e2e.checks import html_errors, report
from tests.e2e.site import LANGUAGES, PAGE_TYPES


def test_every_page_type_is_valid_html(client, django_user_model, site):
    documents = {}
    for language in LANGUAGES:
        for page_type in PAGE_TYPES:
            response = client.get(site.url(page_type, language))
            assert response.status_code == (404 if page_type == "404" else 200), page_type
            documents[f"{page_type} ({language})"] = response.content.decode()
        documents[f"glossary ({language})"] = client.get(f"/{language}/glossary/").content.decode()
    staff = django_user_model.objects.create_user("teacher", password="x", is_staff=True)
    client.force_login(staff)
    documents["lesson, signed in (ky)"] = client.get(site.url("lesson", "ky")).content.decode()

    errors = html_errors(documents)
    assert not errors, report(errors)


def test_the_checker_finds_errors():
    """The check above can fail: a paragraph holding a block element is an error."""
    broken = ('<!DOCTYPE html><html lang="ky"><head><title>x</title></head>'
              "<body><p><div>x</div></p></body></html>")
    assert list(html_errors({"broken": broken})) == ["broken"]
