from django.urls import path

from . import views

app_name = "courses"
urlpatterns = [
    path("learn/lessons/<uuid:lesson_key>/done/", views.lesson_done, name="lesson_done"),
    path(
        "learn/lessons/<uuid:lesson_key>/questions/<int:number>/",
        views.quiz_answer,
        name="quiz_answer",
    ),
    path("learn/photos/", views.photos, name="photos"),
    path("learn/photos/<int:pk>/", views.photo_file, name="photo_file"),
    path("learn/photos/<int:pk>/delete/", views.photo_delete, name="photo_delete"),
    path("learn/girls/<int:user_id>/photos/", views.learner_photos, name="learner_photos"),
    path("learn/survey/<str:round>/", views.survey, name="survey"),
    path("learn/test/<str:round>/", views.knowledge_test, name="knowledge_test"),
    path("learn/test/<str:round>/<str:track>/", views.knowledge_answer, name="knowledge_answer"),
    path("learn/path/", views.path, name="path"),
    path("worksheets/<slug:key>.pdf", views.worksheet, name="worksheet"),
    path("glossary/", views.glossary, name="glossary"),
]
