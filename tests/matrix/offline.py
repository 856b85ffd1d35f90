"""The offline layer: public to everyone, like the pages a girl saves."""

from django.urls import reverse

from . import PUBLIC, Row


def _day_bundle(world):
    day = world.curriculum["lessons"]["ky"][0].get_parent()
    return reverse("offline_day", kwargs={"page_id": day.pk})


ROWS = [
    Row("service_worker", lambda w: reverse("service_worker"), PUBLIC),
    Row("web_manifest", lambda w: reverse("web_manifest"), PUBLIC),
    Row("app_start", lambda w: reverse("app_start"), PUBLIC, ok=(302,)),
    Row("offline", lambda w: reverse("offline"), PUBLIC),
    Row("offline_day", _day_bundle, PUBLIC),
    Row("save_data", lambda w: reverse("save_data"), PUBLIC, method="post",
        data=lambda w: {"save_data": "1"}, ok=(302,)),
]
