"""The facilitator's guide shown, read-only, in the Wagtail editor of a lesson: it is
written in the content files (docs/content.md) and imported, never typed in the admin."""

from wagtail.admin.panels import Panel

from cms.core.permissions import can


class GuidePanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "courses/admin/guide_panel.html"

        def is_shown(self):
            return bool(self.instance and self.request
                        and can(self.request.user, "courses.read_guide", self.instance))

        def get_context_data(self, parent_context=None):
            from .guides import lesson_guide

            context = super().get_context_data(parent_context)
            context["guide"] = lesson_guide(self.instance)
            return context
