"""Every write to registration and attendance, by idea: the setup and its questions
(``setup``), places and the waiting list (``places``), the day itself (``door``) and the agenda
(``agenda``). Other code imports them from here.

Places are counted and given out with the activity's registration setup locked (an UPDATE of
its row, which PostgreSQL holds until commit and SQLite's immediate transactions serialise),
so two people asking for the last place at the same moment cannot both get it.
"""

from equalpartners.attendance.services.agenda import session_delete, session_save
from equalpartners.attendance.services.door import (
    check_in,
    check_in_by_code,
    undo_check_in,
    walk_in,
)
from equalpartners.attendance.services.places import (
    CODE_ALPHABET,
    CODE_LENGTH,
    cancel,
    confirm_offer,
    lapse_expired_offers,
    new_code,
    normalise_code,
    register,
    registration_update,
    setup_update,
)
from equalpartners.attendance.services.setup import (
    audience_allows_link,
    check_open,
    lock,
    new_link,
    places_left,
    places_taken,
    question_delete,
    question_save,
    setup_for,
)

__all__ = [
    "CODE_ALPHABET",
    "CODE_LENGTH",
    "audience_allows_link",
    "cancel",
    "check_in",
    "check_in_by_code",
    "check_open",
    "confirm_offer",
    "lapse_expired_offers",
    "lock",
    "new_code",
    "new_link",
    "normalise_code",
    "places_left",
    "places_taken",
    "question_delete",
    "question_save",
    "register",
    "registration_update",
    "session_delete",
    "session_save",
    "setup_for",
    "setup_update",
    "undo_check_in",
    "walk_in",
]
