from django.urls import path

from . import views

app_name = "care"
urlpatterns = [
    path("care/", views.lead_home, name="lead"),
    path("care/concerns/<int:concern_id>/", views.concern, name="concern"),
    path("teach/concerns/", views.my_concerns, name="my_concerns"),
    path("teach/camps/<int:pk>/accounts/<int:girl_id>/concern/", views.concern_new,
         name="concern_new"),
]
