from django.urls import path

from . import views
from .invites import views as invite_views
from .rights import views as rights_views

app_name = "gals"
urlpatterns: list = [
    # Parents
    path("family/", views.family, name="family"),
    path("family/girls/<int:girl_id>/consent/withdraw/", views.withdraw_consent,
         name="withdraw_consent"),
    path("family/households/<int:household_id>/sheet.pdf", views.family_sheet,
         name="family_sheet"),
    path("family/households/<int:household_id>/certificate.pdf", views.family_certificate,
         name="family_certificate"),
    path("teach/camps/<int:camp_id>/family-sheets.pdf", views.camp_sheets, name="camp_sheets"),
    path("teach/gals/households/<int:household_id>/certificate/",
         views.family_certificate_issue, name="family_certificate_issue"),
    path("teach/gals/households/<int:household_id>/certificate/revoke/",
         views.family_certificate_revoke, name="family_certificate_revoke"),
    path("family/households/<int:household_id>/survey/<str:phase>/", views.survey,
         name="survey"),
    path("family/sessions/<int:session_id>/households/<int:household_id>/reply/", views.reply,
         name="reply"),
    # Facilitators
    path("teach/gals/", views.facilitator, name="facilitator"),
    path("teach/gals/sessions/new/", views.session_new, name="session_new"),
    path("teach/gals/sessions/<int:session_id>/", views.session_detail, name="session"),
    path("teach/gals/sessions/<int:session_id>/roll/", views.roll_call, name="roll_call"),
    path("teach/gals/sessions/<int:session_id>/delete/", views.session_delete,
         name="session_delete"),
    path("teach/gals/sessions/<int:session_id>/households/<int:household_id>/",
         views.record, name="record"),
    path("teach/gals/sessions/<int:session_id>/households/<int:household_id>/commitments/",
         views.commitment_add, name="commitment_add"),
    path("teach/gals/sessions/<int:session_id>/households/<int:household_id>/balance/",
         views.balance, name="balance"),
    path("teach/gals/sessions/<int:session_id>/households/<int:household_id>/photos/",
         views.photo_add, name="photo_add"),
    path("teach/gals/households/new/", views.household_new, name="household_new"),
    path("teach/gals/households/<int:household_id>/", views.household, name="household"),
    path("teach/gals/households/<int:household_id>/members/", views.member_add,
         name="member_add"),
    path("teach/gals/commitments/<int:commitment_id>/follow-up/", views.follow_up,
         name="follow_up"),
    path("teach/gals/photos/<int:photo_id>/", views.photo, name="photo"),
    # Programme managers: numbers only
    path("impact/gals/", views.numbers, name="numbers"),
    # Inviting parents (gals/invites/views.py)
    path("teach/gals/households/<int:household_id>/invite/", invite_views.invite_new,
         name="invite_new"),
    path("teach/gals/invites/<int:invite_id>/", invite_views.invite_detail, name="invite"),
    path("family/join/", invite_views.join, name="join"),
    path("family/join/<str:code>/", invite_views.join_code, name="join_code"),
    # Families' data requests and parents' password codes (gals/rights/views.py)
    path("family/girls/<int:girl_id>/data-request/", rights_views.data_request_new,
         name="data_request_new"),
    path("teach/requests/", rights_views.data_request_list, name="data_requests"),
    path("teach/requests/<int:request_id>/", rights_views.data_request_detail,
         name="data_request"),
    path("teach/gals/households/<int:household_id>/members/<int:member_id>/password-code/",
         rights_views.reset_code_new, name="reset_code_new"),
    path("teach/gals/password-codes/<int:code_id>/", rights_views.reset_code_detail,
         name="reset_code"),
    path("family/password/", rights_views.reset, name="reset"),
    path("family/password/<str:code>/", rights_views.reset_password, name="reset_password"),
]
