from django.urls import path

from . import views

app_name = "care"
urlpatterns = [
    path("care/", views.lead_home, name="lead"),
    path("care/concerns/<int:concern_id>/", views.concern, name="concern"),
    path("care/help/<int:request_id>/", views.help_request, name="help_request"),
    path("learn/help/", views.help_page, name="help"),
    path("teach/concerns/", views.my_concerns, name="my_concerns"),
    path("teach/camps/<int:pk>/accounts/<int:girl_id>/card/", views.card, name="card"),
    path("teach/camps/<int:pk>/days/<int:number>/needs/", views.day_needs, name="day_needs"),
    path("teach/camps/<int:pk>/accounts/<int:girl_id>/concern/", views.concern_new,
         name="concern_new"),
]
