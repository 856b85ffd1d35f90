"""Build and update the Wagtail pages from the content files (``courses/content``).

A page made from a file is published. When its file changes, the next import saves a new
revision and publishes it, unless an editor has published (or drafted) her own version
since: then the import's version is saved as a draft for her to review, and the report
says so. An unchanged file makes no new revision. ``ContentImport`` keeps, per page, the
file's hash and the revisions the import made.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib import import_module

from django.db import transaction
from wagtail.fields import StreamField
from wagtail.models import Page

from cms.core.demo import LANGUAGE_CODES, Assets, home_pages, items, locale
from cms.core.models import StandardPage

from . import content_files
from .content_files import Content, PageSource
from .models import (
    CampDayPage,
    ContentImport,
    CurriculumPage,
    LessonPage,
    RoleModelPage,
    UniversityGuidePage,
    UniversityPage,
)

MODELS = {
    "curriculum": CurriculumPage,
    "day": CampDayPage,
    "lesson": LessonPage,
    "standard": StandardPage,
    "role-model": RoleModelPage,
    "university-guide": UniversityGuidePage,
    "university": UniversityPage,
}


@dataclass
class ImportReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    drafts: list[tuple[str, str]] = field(default_factory=list)  # (page, why)
    unchanged: int = 0


def content_assets(content: Content) -> Assets:
    drawings: dict = {}
    for name in content_files.ART_MODULES:
        drawings.update(import_module(name).DRAWINGS)
    files = {key: (name, path.read_bytes()) for key, (name, path) in content.files.items()}
    return Assets(drawings, files)


def _https(domain: str) -> str:
    return f"https://{domain}/" if domain and "://" not in domain else domain


def page_fields(page: PageSource, language: str, assets: Assets) -> dict:
    """The model fields of a page in one language, ready to set on the page."""
    data = content_files.page_data(page, language)
    kind = data["type"]
    fields = {"title": data["title"]}
    if kind == "lesson":
        fields.update({
            "intro": data["summary"],
            "track": data["track"],
            "duration_minutes": data["duration"],
            "is_core": data["core"],
            "needs_connection": bool(data.get("needs_connection", False)),
            "offline_path": (data.get("offline_path") or "").strip(),
            "objectives": items(data["objectives"], "objective"),
            "facilitator_guide": data.get("guide") or {},
        })
    else:
        fields["intro"] = data["intro"]
    if kind == "day":
        fields.update({
            "day_number": data["number"],
            "theme": data["theme"],
            "goals": items(data["goals"], "goal"),
            "materials": items(data["materials"], "item"),
            "timetable": json.dumps([
                {"type": "slot", "value": {"start": start, "end": end, "activity": what}}
                for start, end, what in data["timetable"]
            ], ensure_ascii=False),
        })
    elif kind == "role-model":
        fields.update({key: data[key] for key in ("name", "profession", "quote")})
        fields["portrait"] = assets.image(data.get("image"))
    elif kind == "university-guide":
        fields["key_dates"] = json.dumps([
            {"type": "date", "value": {"key": date["key"], "label": date["label"],
                                       "start": str(date["start"]),
                                       "end": str(date["end"]) if date.get("end") else None}}
            for date in data.get("dates", [])
        ], ensure_ascii=False)
    elif kind == "university":
        fields.update({
            "city": data["city"],
            "website": _https(data.get("website", "")),
            "ort_subjects": data.get("ort_subjects", []),
            "programmes": items(data["programmes"], "programme"),
        })
    if "body" in data or kind in ("lesson", "role-model", "university-guide", "university"):
        fields["body"] = assets.stream(data.get("body", []))
    return fields


def _without_ids(value):
    if isinstance(value, dict):
        return {key: _without_ids(item) for key, item in value.items() if key != "id"}
    if isinstance(value, list):
        return [_without_ids(item) for item in value]
    return value


def _comparable(model, name: str, value_of):
    model_field = model._meta.get_field(name)
    value = model_field.value_from_object(value_of)
    if isinstance(model_field, StreamField):
        return _without_ids(json.loads(json.dumps(model_field.get_prep_value(value))))
    return model_field.get_prep_value(value)


def _same_content(page: Page, model, fields: dict) -> bool:
    """Whether the page's latest revision already says what ``fields`` say."""
    latest = page.get_latest_revision_as_object() if page.latest_revision_id else page
    candidate = model(**fields)
    return all(
        _comparable(model, name, latest) == _comparable(model, name, candidate)
        for name in fields
    )


def _find(parent: Page, model, slug: str, translation_key) -> Page | None:
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None and translation_key is not None:
        page = model.objects.filter(
            translation_key=translation_key, locale__language_code=parent.locale.language_code
        ).first()
    return page


def _editors_version(page: Page, record: ContentImport | None) -> str:
    """Why the import must not publish over this page ("" when it may)."""
    ours = {record.published_revision_id, record.draft_revision_id} if record else set()
    live, latest = page.live_revision, page.latest_revision
    if live is not None and live.pk not in ours and (record or live.user_id):
        return f"an editor published revision {live.pk} after the last import"
    if latest is not None and latest.pk not in ours and latest.pk != page.live_revision_id \
            and latest.user_id:
        return f"an editor's draft (revision {latest.pk}) is waiting for review"
    return ""


def _sync(parents: dict, page_source: PageSource, assets: Assets, root, report) -> dict:
    model = MODELS[page_source.type]
    pages: dict[str, Page] = {}
    translation_key = None
    for code in LANGUAGE_CODES:
        source = page_source.sources[code]
        where = str(source.path.relative_to(root))
        digest = content_files.source_hash(page_source, code)
        fields = page_fields(page_source, code, assets)
        page = _find(parents[code], model, page_source.slug, translation_key)
        if page is None:
            page = model(slug=page_source.slug, locale=locale(code), **fields)
            if translation_key is not None:
                page.translation_key = translation_key
            parents[code].add_child(instance=page)
            revision = page.save_revision()
            revision.publish()
            ContentImport.objects.create(page=page, source=where, source_hash=digest,
                                         published_revision=revision)
            report.created.append(where)
        else:
            page = page.specific
            record = ContentImport.objects.filter(page=page).first()
            if record and record.source_hash == digest:
                report.unchanged += 1
            elif _same_content(page, model, fields):
                ContentImport.objects.update_or_create(page=page, defaults={
                    "source": where, "source_hash": digest,
                    **({} if record else {"published_revision": page.live_revision}),
                })
                report.unchanged += 1
            else:
                why = _editors_version(page, record)
                for name, value in fields.items():
                    setattr(page, name, value)
                revision = page.save_revision()
                record = record or ContentImport(page=page)
                record.source, record.source_hash = where, digest
                if why:
                    record.draft_revision = revision
                    report.drafts.append((where, why))
                else:
                    revision.publish()
                    record.published_revision, record.draft_revision = revision, None
                    report.updated.append(where)
                record.save()
        translation_key = page.translation_key
        pages[code] = page
    return pages


def fill_home(homes: dict, page_source: PageSource, assets: Assets) -> None:
    """Give each home page its text, unless an editor already wrote one."""
    hero_key = next((key for key in assets.drawings if "hero" in key), None)
    for code, home in homes.items():
        if home.intro or home.body:
            continue
        data = content_files.page_data(page_source, code)
        home.title = data["title"]
        home.intro = data["intro"]
        home.body = assets.stream(data.get("body", []))
        used_in_body = any(
            block["type"] == "image" and block["value"]["image"] == hero_key
            for block in data.get("body", [])
        )
        home.hero_image = None if used_in_body else assets.image(hero_key)
        home.save_revision().publish()


@transaction.atomic
def import_content(content: Content) -> ImportReport:
    """Make or update every page of ``content`` (already checked) in both languages."""
    report = ImportReport()
    assets = content_assets(content)
    homes = home_pages()
    made: dict[int, dict] = {}
    for page_source in content.pages:
        if page_source.type == "home":
            fill_home(homes, page_source, assets)
            made[id(page_source)] = homes
            continue
        parent = content.parent_of(page_source)
        parents = homes if parent is None else made[id(parent)]
        made[id(page_source)] = _sync(dict(parents), page_source, assets, content.root, report)
    return report
