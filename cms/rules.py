"""The kernel's own rules: the audit log and the role homes."""

from .permissions import rule


@rule("cms.view_audit_log")
def view_audit_log(user, obj=None) -> bool:
    """Who looked at or changed children's data is for administrators to read."""
    return user.is_superuser


@rule("cms.view_home")
def view_home(user, obj=None) -> bool:
    """Every signed-in person has a home page of her own."""
    return user.is_authenticated
