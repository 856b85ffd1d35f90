"""Template tags of the kernel: the language switcher, the signed-in person's pages."""

from dataclasses import dataclass

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from wagtail.admin.templatetags.wagtailuserbar import wagtailuserbar
from wagtail.models import Page, Site

from cms.core import content_cache
from cms.core.models import BasePage, Role

register = template.Library()


@dataclass
class LanguageLink:
    code: str
    name: str
    url: str
    is_current: bool
    translated: bool
    absolute_url: str = ""


def _home_url(request, code: str) -> str:
    site = Site.find_for_request(request)
    if site is not None:
        home = site.root_page.get_translations(inclusive=True).live()
        home = home.filter(locale__language_code=code).first()
        if home is not None:
            return home.get_url(request)
    return f"/{code}/"


@register.simple_tag(takes_context=True)
def language_links(context) -> list[LanguageLink]:
    """A link per language to this same page in that language.

    On a CMS page that is not translated yet, the link says so and leads to the
    other language's home page; on other pages, the same URL under the other prefix.
    """
    request = context["request"]
    page = context.get("page")
    if isinstance(page, BasePage) and page.pk and not getattr(request, "is_preview", False):
        # The same for everyone reading this page: kept until the content changes.
        key = (f"language-links:{page.pk}:{translation.get_language()}:"
               f"{request.scheme}://{request.get_host()}")
        return content_cache.kept(key, lambda: _language_links(request, page))
    return _language_links(request, page)


def _language_links(request, page) -> list[LanguageLink]:
    current = translation.get_language()
    translations: dict[str, Page] | None = None
    if isinstance(page, Page) and page.pk:
        translations = {
            p.locale.language_code: p
            for p in page.get_translations(inclusive=True).live().select_related("locale")
        }
    links = []
    for code, name in settings.LANGUAGES:
        if translations is None:
            url = translate_url(request.get_full_path(), code)
            translated = True
        elif code in translations:
            url = translations[code].get_url(request)
            translated = True
        else:
            url = _home_url(request, code)
            translated = False
        links.append(LanguageLink(code, name, url, code == current, translated,
                                  request.build_absolute_uri(url)))
    return links


@register.simple_tag(takes_context=True)
def my_areas(context) -> list[tuple[str, str]]:
    """(label, address) of the signed-in person's own pages, for the header."""
    from cms.core.homes import areas

    user = context["request"].user
    if not user.is_authenticated:
        return []
    return areas(user, translation.get_language() or settings.LANGUAGE_CODE)


@register.simple_tag(takes_context=True)
def staff_userbar(context) -> str:
    """Wagtail's userbar (edit this page), except for girls and parents.

    They never edit pages, and the userbar's permission check costs every one of
    their page views two queries.
    """
    user = getattr(context.get("request"), "user", None)
    if user is None or not user.is_authenticated:
        return ""
    if not user.is_superuser and user.roles & {Role.LEARNER, Role.GUARDIAN}:
        return ""
    return wagtailuserbar(context)


@register.simple_tag(takes_context=True)
def may(context, action: str, obj=None) -> bool:
    """``{% may "gals.invite_guardian" household as can_invite %}``: a link to a page is
    shown to exactly those whom the page's own rule lets in (``cms.core.permissions``)."""
    from cms.core.permissions import can

    return can(context["request"].user, action, obj)
