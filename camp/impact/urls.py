from django.urls import path

from . import views

app_name = "impact"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("figures.csv", views.export_csv, name="export_csv"),
    path("figures.xlsx", views.export_xlsx, name="export_xlsx"),
    path("lines.csv", views.export_rows, name="export_rows"),
    path("camps/<int:pk>/report.pdf", views.camp_report, name="camp_report"),
    path("regions/<slug:code>/report.pdf", views.region_report, name="region_report"),
]
