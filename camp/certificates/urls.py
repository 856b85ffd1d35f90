from django.urls import path

from . import credential_views, views

app_name = "certificates"
urlpatterns = [
    path("verify/", views.verify, name="verify"),
    path("verify/scan/", views.verify_scan, name="verify_scan"),
    path("verify/<str:code>/", views.verify_code, name="verify_code"),
    path("verify/<str:code>/credential.json", credential_views.public, name="credential_public"),
    path("certificates/", views.mine, name="mine"),
    path("certificates/<int:certificate_id>.pdf", views.download, name="download"),
    path("certificates/<int:certificate_id>/credential.json", credential_views.download,
         name="credential"),
    path("certificates/<int:certificate_id>/revoke/", views.revoke, name="revoke"),
    path("certificates/<int:certificate_id>/reissue/", views.reissue, name="reissue"),
    path("teach/camps/<int:pk>/certificates/", views.camp_certificates, name="camp"),
    path("teach/camps/<int:pk>/certificates/issue/", views.issue, name="issue"),
    path(
        "teach/camps/<int:pk>/certificates/override/<int:learner_id>/",
        views.override,
        name="override",
    ),
    path("teach/camps/<int:pk>/certificates/pdf/", views.make_batch, name="make_batch"),
    path("teach/camps/<int:pk>/certificates.pdf", views.batch_pdf, name="batch_pdf"),
]
