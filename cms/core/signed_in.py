"""The signed-in person of a request, with her roles, kept in this process between her
requests until her account or her groups change.

Django reads the user from the database on every request, and the role matrix reads
her groups: two queries on every page, answer and tick of a camp morning, for rows
that change a few times a year. Here both are kept under a counter of her own
(``cms.core.data_versions``), which moves on, on every server at once, when her account is
saved or deleted (a new password, a deactivation, anonymisation, a sign-in's
``last_login``) or her groups change, from either side. Each request still asks Redis
for that counter, so a change made on another server counts on the next request.

The copy is kept only in this process's memory, never in Redis: a password hash does
not leave the database. With Redis away every request reads the database, as before.

``get_user`` is Django's ``django.contrib.auth.get_user`` with the backend's lookup
kept: the same session checks follow it (the session's backend must be configured;
the session's hash of the password must match, or one made with a fallback secret,
which turns the session over to the current secret), so signing out everywhere by
changing the password still works.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from django.conf import settings
from django.contrib.auth import (
    BACKEND_SESSION_KEY,
    HASH_SESSION_KEY,
    _get_user_session_key,
    get_user_model,
    load_backend,
)
from django.contrib.auth.middleware import AuthenticationMiddleware as DjangoAuthentication
from django.contrib.auth.models import AnonymousUser, Group
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.utils.crypto import constant_time_compare
from django.utils.functional import SimpleLazyObject

from .content_cache import CONTENT
from .data_versions import DataVersion, read_together

#: An hour at most: the counter, not the time, is what makes a change count.
KEPT_SECONDS = 60 * 60


def version_of(user_id) -> DataVersion:
    return DataVersion(f"account:{user_id}")


#: Counters nearly every request of a signed-in person reads after her account's: read
#: in the same round trip (``data_versions.read_together``). Apps add their own.
_read_with_account: list[Callable[[object], DataVersion]] = [lambda user_id: CONTENT]


def read_with_account(counter_of: Callable[[object], DataVersion]) -> None:
    """``counter_of(user_id)`` is read with her account's counter from now on."""
    if counter_of not in _read_with_account:
        _read_with_account.append(counter_of)


def kept_user(backend_path: str, user_id):
    """``backend.get_user(user_id)`` with its roles read, kept until the account changes."""

    def build():
        user = load_backend(backend_path).get_user(user_id)
        if user is not None and hasattr(user, "roles"):
            user.roles  # noqa: B018 - read now, so that the copy carries them
        return user

    account = version_of(user_id)
    read_together([account, *(counter_of(user_id) for counter_of in _read_with_account)])
    return account.kept(f"signed-in:{backend_path}:{user_id}", build, KEPT_SECONDS,
                        shared=False)


def get_user(request):
    """Django's ``get_user`` (django/contrib/auth/__init__.py), the lookup kept."""
    user = None
    try:
        user_id = _get_user_session_key(request)
        backend_path = request.session[BACKEND_SESSION_KEY]
    except KeyError:
        pass
    else:
        if backend_path in settings.AUTHENTICATION_BACKENDS:
            user = kept_user(backend_path, user_id)
            if hasattr(user, "get_session_auth_hash"):
                session_hash = request.session.get(HASH_SESSION_KEY)
                session_auth_hash = user.get_session_auth_hash()
                verified = bool(session_hash) and constant_time_compare(
                    session_hash, session_auth_hash)
                if not verified:
                    if session_hash and any(
                        constant_time_compare(session_hash, fallback)
                        for fallback in user.get_session_auth_fallback_hash()
                    ):
                        request.session.cycle_key()
                        request.session[HASH_SESSION_KEY] = session_auth_hash
                    else:
                        request.session.flush()
                        user = None
    return user or AnonymousUser()


def _user_of(request):
    if not hasattr(request, "_cached_user"):
        request._cached_user = get_user(request)
    return request._cached_user


class AuthenticationMiddleware(DjangoAuthentication):
    """Django's, with the signed-in person kept (see the module's text)."""

    def process_request(self, request):
        super().process_request(request)  # its checks, and request.auser as Django sets it
        request.user = SimpleLazyObject(partial(_user_of, request))


# --- What moves a person's counter on ------------------------------------------------


def on_account_write(sender, instance, **kwargs) -> None:
    version_of(instance.pk).changed()


def on_groups_changed(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    if not action.startswith("post_") and action != "pre_clear":
        return
    if not reverse:  # user.groups.add(...)
        version_of(instance.pk).changed()
    elif action == "pre_clear":  # group.user_set.clear(): its members, before they go
        for user_id in instance.user_set.values_list("pk", flat=True):
            version_of(user_id).changed()
    else:  # group.user_set.add(...)
        for user_id in pk_set or ():
            version_of(user_id).changed()


def on_group_write(sender, instance, **kwargs) -> None:
    """A group renamed or deleted: its members' roles change with it."""
    if instance.pk is None:
        return
    for user_id in get_user_model().groups.through.objects.filter(
            group_id=instance.pk).values_list("user_id", flat=True):
        version_of(user_id).changed()


def connect() -> None:
    user_model = get_user_model()
    for signal in (post_save, post_delete):
        signal.connect(on_account_write, sender=user_model,
                       dispatch_uid=f"signed-in-account-{id(signal)}")
    m2m_changed.connect(on_groups_changed, sender=user_model.groups.through,
                        dispatch_uid="signed-in-groups")
    for signal in (post_save, pre_delete):
        signal.connect(on_group_write, sender=Group, dispatch_uid=f"signed-in-group-{id(signal)}")
