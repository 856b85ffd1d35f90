from importlib import import_module
from pathlib import Path

from django.apps import AppConfig, apps
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    """The shared kernel: base pages, blocks, users, permissions, demo loading."""

    name = "cms.core"
    label = "cms"
    verbose_name = _("Site")

    def ready(self):
        # Each app keeps its permission rules in <app>/rules.py, and a sub-package its own
        # (camp/accounts/rules.py); importing them registers them with the one entry
        # point, cms.core.permissions.can().
        import_rules()

        # Every Wagtail image loses its EXIF and GPS data on the way in (cms.core.images).
        from . import signals

        signals.connect()

        # A girl's session ends with the browser and the camp day (cms.core.sessions).
        from django.contrib.auth.signals import user_logged_in

        from .sessions import on_sign_in

        user_logged_in.connect(on_sign_in, dispatch_uid="cms.core.sessions.on_sign_in")

        # The signed-in person is kept until her account or groups change (cms.core.signed_in).
        from . import signed_in

        signed_in.connect()

        # `check --deploy` warns about a scheduled job that has not run (cms.core.jobs).
        from . import jobs  # noqa: F401


def import_rules() -> None:
    """Import every rules module of the project's apps, sub-packages' included."""
    for config in apps.get_app_configs():
        folder = Path(config.path)
        installed = {"site-packages", "dist-packages"} & set(folder.parts)
        if installed or not folder.is_relative_to(settings.BASE_DIR):
            continue
        for found in sorted(folder.glob("rules.py")) + sorted(folder.glob("*/rules.py")):
            package = ".".join(found.relative_to(folder).with_suffix("").parts)
            import_module(f"{config.name}.{package}")
