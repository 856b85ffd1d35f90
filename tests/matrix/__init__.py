"""Rows of the role matrix, one module per app: ``ROWS = [Row(...), ...]``.

Every named URL of the project's apps must appear in some row (see
tests/test_role_matrix.py); a new view without a row fails the suite. The world is
built once for the whole matrix; a module that adds objects to it defines
``prepare(world)``, called once before the first test.
"""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Row:
    """One view, called by every role.

    ``url`` builds the address from the World; ``allowed`` lists the roles that may
    use it (they get ``ok``); every other role is refused: anonymous visitors are
    sent to sign in (302) or refused (403/404), signed-in people get 403 or 404.
    ``data`` makes a POST; a refused POST must change nothing (``unchanged``).
    """

    name: str
    url: Callable
    allowed: set[str]
    method: str = "get"
    data: Callable | None = None
    ok: tuple[int, ...] = (200,)
    unchanged: Callable | None = None
    extra: dict = field(default_factory=dict)


PUBLIC = {
    "anonymous", "girl", "other_girl", "guardian", "facilitator", "other_facilitator",
    "manager", "partner", "editor", "admin", "lead",
}
SIGNED_IN = PUBLIC - {"anonymous"}
