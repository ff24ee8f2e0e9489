"""Every write about mixing and connecting people, one idea a module:

- `profiles`: what a person offers, is interested in and needs, and who may see each item;
- `networks`: networks, joining them, requests, leaving and the members list;
- `seating`: seating plans and re-plans;
- `introductions`: suggesting and sending introductions;
- `ties`: the contacts (ties) that seating and introductions leave behind;
- `declared`: ties people declare ("we worked together") and withdraw.

The names below are the ones other code uses (`from equalpartners.networking import
services`); each module may also be imported on its own.
"""

from equalpartners.networking.services.declared import tie_declare, tie_withdraw
from equalpartners.networking.services.introductions import (
    introductions_build,
    introductions_send,
)
from equalpartners.networking.services.networks import (
    network_create,
    network_delete,
    network_join,
    network_leave,
    network_listing_set,
    network_organiser_add,
    network_request_approve,
    network_request_decline,
    network_update,
)
from equalpartners.networking.services.profiles import MAX_ITEMS, ProfileEntry, profile_update
from equalpartners.networking.services.seating import (
    MAX_PEOPLE,
    PLAN_SECONDS,
    REPLAN_SECONDS,
    RULES,
    plan_build,
    plan_delete,
    plan_replan,
)

__all__ = [
    "MAX_ITEMS",
    "MAX_PEOPLE",
    "PLAN_SECONDS",
    "REPLAN_SECONDS",
    "RULES",
    "ProfileEntry",
    "introductions_build",
    "introductions_send",
    "network_create",
    "network_delete",
    "network_join",
    "network_leave",
    "network_listing_set",
    "network_organiser_add",
    "network_request_approve",
    "network_request_decline",
    "network_update",
    "plan_build",
    "plan_delete",
    "plan_replan",
    "profile_update",
    "tie_declare",
    "tie_withdraw",
]
