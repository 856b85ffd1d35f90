"""The one answer to "may this user do X to this object?".

Views and templates ask ``can(user, action, obj)``; lists come from querysets that
the rules ask in turn (``holds``). Each app registers
the rules for its own actions in ``<app>/rules.py`` with ``@rule("app.action")``;
an action with no rule is refused, so a forgotten rule fails closed.
"""

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied

RuleFunc = Callable[[Any, Any], bool]
_rules: dict[str, RuleFunc] = {}


def rule(action: str) -> Callable[[RuleFunc], RuleFunc]:
    """Register the function that decides ``action``; one rule per action."""

    def register(func: RuleFunc) -> RuleFunc:
        if action in _rules and _rules[action] is not func:
            raise ValueError(f"A rule for {action!r} is already registered.")
        _rules[action] = func
        return func

    return register


def can(user, action: str, obj: Any = None) -> bool:
    """True when ``user`` may do ``action`` to ``obj``. Unknown actions are refused."""
    if user is None or not getattr(user, "is_active", False):
        return False
    check = _rules.get(action)
    if check is None:
        return False
    return bool(check(user, obj))


def holds(queryset, obj: Any) -> bool:
    """Whether ``obj`` is in ``queryset``: a rule asks the very queryset its list is
    built on, so the two cannot disagree. No query when the queryset is empty by
    construction (``none()``) or unfiltered (everyone's)."""
    if obj is None or not getattr(obj, "pk", None):
        return False
    if queryset.query.is_empty():
        return False
    if not queryset.query.where:
        return True
    return queryset.filter(pk=obj.pk).exists()


def registered_actions() -> list[str]:
    """Every action that has a rule, for the role-matrix tests."""
    return sorted(_rules)


def require(user, action: str, obj: Any = None) -> None:
    """Raise PermissionDenied (a translated 403 page) unless ``can`` says yes."""
    if not can(user, action, obj):
        raise PermissionDenied
