"""The impact pages: thin. Parse the filters, ask ``can``, let the services count."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from camp.models import Region
from camp.shortcuts import camp_or_404
from cms.core import audit
from cms.core.models import AuditEvent
from cms.core.permissions import can, require

from . import cache, exports, pdf, services
from .charts import report_charts
from .forms import FilterForm
from .rules import sees_programme

CAMPS_LISTED = 60
# The dashboard's tables by place, in order, and which of them print a report per line
# (the key ``report_url`` takes); the schools' and camps' tables are folded.
PLACE_TABLES = (("region", "region"), ("district", ""), ("language", ""), ("year", ""))
CAMP_TABLES = (("school", ""), ("camp", "camp"))


def _filtered(request):
    form = FilterForm(request.GET)
    filters = form.filters()
    return form, filters, services.scope(request.user, filters)


def _report(request, filters: services.Filters, camps, *, suppress: bool, **what):
    """The report of these camps, from the cache when the data has not changed."""
    user = request.user
    scope = "programme" if sees_programme(user) else f"facilitator:{user.pk}"
    parts = {
        "scope": scope, "suppress": suppress, "errors": list(filters.errors),
        "region": getattr(filters.region, "code", ""), "start": filters.date_from,
        "end": filters.date_to, "language_filter": filters.language, **what,
    }
    return cache.cached(parts, lambda: services.build_report(camps, suppress=suppress))


def _file_name(kind: str, extension: str) -> str:
    return f"impact-{kind}-{timezone.localdate():%Y-%m-%d}.{extension}"


@login_required
def dashboard(request):
    """Reach and outcomes of the camps the reader may count, with charts and tables."""
    require(request.user, "impact.view")
    form, filters, camps = _filtered(request)
    report = _report(request, filters, camps,
                     suppress=not services.sees_small_numbers(request.user))
    return render(request, "impact/dashboard.html", {
        "form": form,
        "filters": filters,
        "query": form.query(),
        "report": report,
        "charts": report_charts(report),
        # Hundreds of camps make a long page on a phone: listed when few enough.
        "show_camps": len(report.table("camp").rows) <= CAMPS_LISTED,
        "place_tables": [(report.table(key), reports) for key, reports in PLACE_TABLES],
        "camp_tables": [(report.table(key), reports) for key, reports in CAMP_TABLES],
        "own_camps_only": not sees_programme(request.user),
        "may_export_rows": can(request.user, "impact.export_rows"),
        "report_languages": [("ky", "Кыргызча"), ("ru", "Русский")],
    })


@login_required
def export_csv(request):
    require(request.user, "impact.view")
    _form, filters, camps = _filtered(request)
    report = _report(request, filters, camps, suppress=True)
    response = HttpResponse(
        "\ufeff" + exports.aggregates_csv(report), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{_file_name("figures", "csv")}"'
    return response


@login_required
def export_xlsx(request):
    require(request.user, "impact.view")
    _form, filters, camps = _filtered(request)
    report = _report(request, filters, camps, suppress=True)
    response = HttpResponse(
        exports.aggregates_xlsx(report),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{_file_name("figures", "xlsx")}"'
    return response


@login_required
def export_rows(request):
    """One line per girl and camp under her survey code, streamed."""
    require(request.user, "impact.export_rows")
    form, _filters, camps = _filtered(request)
    audit.record(request.user, AuditEvent.Action.EXPORTED, request.user,
                 export="impact_rows", filters=form.query())
    response = StreamingHttpResponse(
        exports.girl_lines_csv(camps), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{_file_name("lines", "csv")}"'
    return response


def _pdf_response(data: bytes, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


@login_required
def camp_report(request, pk: int):
    """The printed report of one camp, in the language of the address."""
    camp = camp_or_404(request.user, pk, "impact.report_camp")
    camps = services.visible_camps(request.user).filter(pk=camp.pk)
    report = _report(request, services.Filters(), camps, suppress=True, camp=camp.pk)
    data = pdf.report_pdf(
        report, title=camp.title, language=get_language(),
        place=f"{camp.school}, {camp.school.district.region.name}",
    )
    return _pdf_response(data, f"impact-camp-{camp.pk}-{get_language()}.pdf")


@login_required
def region_report(request, code: str):
    """The printed report of a region (the period and language filters apply)."""
    region = get_object_or_404(Region, code=code)
    require(request.user, "impact.report_region", region)
    form = FilterForm(request.GET)
    filters = form.filters()
    if filters.valid:
        filters = services.Filters(
            region=region, date_from=filters.date_from, date_to=filters.date_to,
            language=filters.language,
        )
    camps = services.scope(request.user, filters)
    report = _report(request, filters, camps, suppress=True, report_region=region.code)
    period = ""
    if filters.date_from or filters.date_to:
        period = " – ".join(
            day.isoformat() if day else "…" for day in (filters.date_from, filters.date_to)
        )
    data = pdf.report_pdf(
        report, title=region.name, place=_("All camps of the region"), period=period,
        language=get_language(),
    )
    return _pdf_response(data, f"impact-region-{region.code}-{get_language()}.pdf")
