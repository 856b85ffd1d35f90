from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    """The shared kernel: base pages, blocks, users, permissions, demo loading."""

    name = "cms"
    verbose_name = _("Site")

    def ready(self):
        # Each app keeps its own permission rules in <app>/rules.py; import them so
        # they register with the one entry point, cms.permissions.can().
        from django.utils.module_loading import autodiscover_modules

        autodiscover_modules("rules")

        # Every Wagtail image loses its EXIF and GPS data on the way in (cms.images).
        from . import signals

        signals.connect()

        # A girl's session ends with the browser and the camp day (cms.sessions).
        from django.contrib.auth.signals import user_logged_in

        from .sessions import on_sign_in

        user_logged_in.connect(on_sign_in, dispatch_uid="cms.sessions.on_sign_in")

        # The signed-in person is kept until her account or groups change (cms.signed_in).
        from . import signed_in

        signed_in.connect()

        # `check --deploy` warns about a scheduled job that has not run (cms.jobs).
        from . import jobs  # noqa: F401
