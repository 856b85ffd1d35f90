from django.urls import path

from . import account_views, learner_views, views

app_name = "camp"
urlpatterns = [
    path("teach/", views.teach, name="teach"),
    path("teach/calendar/renew/", views.renew_my_calendar, name="renew_my_calendar"),
    path("teach/camps/new/", views.camp_new, name="camp_new"),
    path("teach/camps/<int:pk>/", views.camp_detail, name="camp_detail"),
    path("teach/camps/<int:pk>/edit/", views.camp_edit, name="camp_edit"),
    path("teach/camps/<int:pk>/enrol/", views.enrol, name="enrol"),
    path(
        "teach/camps/<int:pk>/enrolments/<int:enrolment_id>/withdraw/",
        views.withdraw,
        name="withdraw",
    ),
    path("teach/camps/<int:pk>/days/<int:number>/", views.day_edit, name="day_edit"),
    path("teach/camps/<int:pk>/days/<int:number>/roll/", views.roll_call_view, name="roll_call"),
    path("teach/camps/<int:pk>/attendance/", views.attendance_totals, name="attendance"),
    path(
        "teach/camps/<int:pk>/calendar/renew/",
        views.renew_camp_calendar,
        name="renew_camp_calendar",
    ),
    path("calendar/camp/<uuid:token>.ics", views.camp_calendar, name="camp_calendar"),
    path(
        "calendar/facilitator/<uuid:token>.ics",
        views.facilitator_calendar,
        name="facilitator_calendar",
    ),
    path("camps/", views.upcoming_camps, name="upcoming"),
    path("learn/", learner_views.learn, name="learn"),
    # Girls' accounts, login cards, her record, the shared phone (camp/account_views.py)
    path("teach/camps/<int:pk>/accounts/", account_views.camp_accounts, name="accounts"),
    path("teach/camps/<int:pk>/accounts/new/", account_views.account_new, name="account_new"),
    path("teach/camps/<int:pk>/accounts/list/", account_views.accounts_bulk,
         name="accounts_bulk"),
    path("teach/camps/<int:pk>/accounts/pins/", account_views.new_pins, name="new_pins"),
    path("teach/camps/<int:pk>/accounts/pins/forget/", account_views.forget_pins,
         name="forget_pins"),
    path("teach/camps/<int:pk>/accounts/cards.pdf", account_views.login_cards,
         name="login_cards"),
    path("teach/camps/<int:pk>/accounts/<int:girl_id>/", account_views.girl_record,
         name="girl"),
    path("teach/camps/<int:pk>/accounts/<int:girl_id>/pin/", account_views.reset_pin,
         name="reset_pin"),
    path("teach/camps/<int:pk>/accounts/<int:girl_id>/consent/", account_views.consent,
         name="consent"),
    path("teach/camps/<int:pk>/accounts/<int:girl_id>/export.zip", account_views.export,
         name="export_girl"),
    path("teach/camps/<int:pk>/accounts/<int:girl_id>/anonymise/", account_views.anonymise,
         name="anonymise_girl"),
    path("teach/camps/<int:pk>/sign-in-device/", account_views.signin_device,
         name="signin_device"),
    path("camp-sign-in/", account_views.signin, name="signin"),
    path("camp-sign-in/<int:girl_id>/", account_views.signin_pin, name="signin_pin"),
    path("camp-sign-in/switch/", account_views.switch_user, name="switch_user"),
]
