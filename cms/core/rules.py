"""The kernel's own rules: the audit log and the role homes."""

from .models import Role
from .permissions import rule


@rule("cms.view_audit_log")
def view_audit_log(user, obj=None) -> bool:
    """Who looked at or changed children's data is for administrators to read."""
    return user.is_superuser


@rule("cms.view_home")
def view_home(user, obj=None) -> bool:
    """Every signed-in person has a home page of her own."""
    return user.is_authenticated


@rule("cms.use_admin")
def use_admin(user, obj=None) -> bool:
    """Editors, programme managers (places) and administrators work in Wagtail's admin.
    Girls and parents never do, whatever group they were put in by mistake."""
    if user.is_superuser:
        return True
    if user.has_role(Role.LEARNER) or user.has_role(Role.GUARDIAN):
        return False
    return user.has_perm("wagtailadmin.access_admin")


@rule("cms.pick_name_offline")
def pick_name_offline(user, obj=None) -> bool:
    """A girl is remembered by a shared phone she signed in on (her id, first name and
    initial, never anything of her PIN), so that without signal she can pick her name
    and open the days she saved there (static/js/offline.js). Picking grants nothing on
    the server: what she does waits until she signs in with her PIN."""
    return user.is_authenticated and user.has_role(Role.LEARNER)
