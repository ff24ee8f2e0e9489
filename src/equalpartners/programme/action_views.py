"""Pages for challenges and actions: lists with filters, an action's page and history, and the
CSV and spreadsheet downloads. The forms that record and change them are in
``action_form_views``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase

from equalpartners.core.capabilities import Capability
from equalpartners.core.forms import valid_filters
from equalpartners.core.streaming import within_scope
from equalpartners.core.views import PartnershipAccess, PartnershipView, found_or_404
from equalpartners.programme import action_selectors as selectors
from equalpartners.programme.action_exports import actions_csv, actions_xlsx
from equalpartners.programme.action_forms import (
    ActionFilterForm,
    ActionForm,
    ActionStatusForm,
    ChallengeForm,
)
from equalpartners.programme.action_models import Action, ActionUpdate, zone_of
from equalpartners.programme.models import Activity

PAGE_SIZE = 50


def narrowing(chosen: dict[str, Any], *, person_id: int | None = None) -> dict[str, Any]:
    """The filters other than status, as ``actions_of`` and ``counts_of`` take them."""
    return {
        "partner_id": chosen.get("partner"),
        "person_id": person_id or chosen.get("person"),
        "scale": chosen.get("scale", ""),
    }


def activity_actions_context(request: HttpRequest, activity: Activity) -> dict[str, Any]:
    """What the activity page's "Challenges and actions" section shows and offers."""
    capabilities = request.capabilities  # type: ignore[attr-defined]
    partnership = request.partnership  # type: ignore[attr-defined]
    can_contribute = Capability.CONTRIBUTE in capabilities
    challenges = list(selectors.challenges_for_activity(user=request.user, activity=activity))
    return {
        "challenges": challenges,
        "activity_actions": list(
            selectors.actions_for_activity(user=request.user, activity=activity)
        ),
        "actions_today": selectors.partnership_today(partnership),
        "can_contribute": can_contribute,
        "challenge_form": ChallengeForm(partnership=partnership) if can_contribute else None,
        "action_form": (
            ActionForm(partnership=partnership, activity=activity, challenges=challenges)
            if can_contribute
            else None
        ),
    }


# Lists


class _ActionListView(PartnershipView):
    """A list of actions with filters and counts; subclasses fix whose actions it lists."""

    template_name = "programme/action_list.html"
    heading = "Actions"
    with_people_filter = True

    def fixed_person_id(self) -> int | None:
        return None

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        partnership = self.partnership
        filters = ActionFilterForm(
            self.request.GET or None,
            partnership=partnership,
            with_people=self.with_people_filter,
            initial={"status": "open"},
        )
        chosen = valid_filters(filters)
        status = chosen.get("status") or "open"
        today = selectors.partnership_today(partnership)
        others = narrowing(chosen, person_id=self.fixed_person_id())
        actions = selectors.actions_of(
            partnership=partnership,
            today=today,
            status="" if status == "all" else status,
            **others,
        )
        page = Paginator(actions, PAGE_SIZE).get_page(self.request.GET.get("page"))
        query = self.request.GET.copy()
        query.pop("page", None)
        return super().get_context_data(
            heading=self.heading,
            filters=filters,
            status=status,
            counts=selectors.counts_of(partnership=partnership, today=today, **others),
            page=page,
            actions=list(page.object_list),
            today=today,
            zone_name=zone_of(partnership).key,
            filter_query=query.urlencode(),
            can_contribute=Capability.CONTRIBUTE in self.request.capabilities,  # type: ignore[attr-defined]
            **kwargs,
        )


class ActionListView(_ActionListView):
    heading = "Actions"


class MyActionsView(_ActionListView):
    heading = "Your actions"
    with_people_filter = False

    def fixed_person_id(self) -> int | None:
        membership = self.request.membership  # type: ignore[attr-defined]
        return int(membership.person_id)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(mine=True, **kwargs)


class PersonActionsView(_ActionListView):
    with_people_filter = False

    def dispatch(self, request: Any, *args: Any, **kwargs: Any) -> HttpResponseBase:
        self.person = None
        if getattr(request, "partnership", None) is not None:
            self.person = selectors.person_in(
                partnership=request.partnership, person_id=kwargs["person_id"]
            )
        return super().dispatch(request, *args, **kwargs)

    def fixed_person_id(self) -> int | None:
        return int(found_or_404(self.person).pk)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        person = found_or_404(self.person)
        self.heading = f"Actions for {person.name}"
        return super().get_context_data(person=person, **kwargs)


# Downloads


class _ActionDownload(PartnershipAccess):
    def actions(self, request: HttpRequest) -> Any:
        filters = ActionFilterForm(request.GET or None, partnership=self.partnership)
        chosen = valid_filters(filters)
        status = chosen.get("status") or "all"  # a download has everything unless narrowed
        today = selectors.partnership_today(self.partnership)
        actions = selectors.actions_of(
            partnership=self.partnership,
            today=today,
            status="" if status == "all" else status,
            **narrowing(chosen),
        )
        return actions, today

    def file_name(self, extension: str) -> str:
        return f"{self.partnership.slug}-actions.{extension}"


class ActionCsvView(_ActionDownload):
    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> StreamingHttpResponse:
        actions, today = self.actions(request)
        response = StreamingHttpResponse(
            within_scope(
                actions_csv(
                    actions.iterator(chunk_size=500),
                    today=today,
                    zone=zone_of(self.partnership),
                    base_url=request.build_absolute_uri("/")[:-1],
                ),
                partnership=self.partnership,
            ),
            content_type="text/csv; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="{self.file_name("csv")}"'
        return response


class ActionXlsxView(_ActionDownload):
    CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        actions, today = self.actions(request)
        body = actions_xlsx(
            actions.iterator(chunk_size=500),
            today=today,
            zone=zone_of(self.partnership),
            base_url=request.build_absolute_uri("/")[:-1],
            title=f"Actions: {self.partnership.name}",
        )
        response = HttpResponse(body, content_type=self.CONTENT_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{self.file_name("xlsx")}"'
        return response


# One action


class OneActionView(PartnershipView):
    """A page about one action of this partnership (404 otherwise); the base of its forms too."""

    def dispatch(self, request: Any, *args: Any, **kwargs: Any) -> HttpResponseBase:
        self.action = None
        if getattr(request, "partnership", None) is not None:
            self.action = selectors.action_in(
                partnership=request.partnership, action_id=kwargs["action_id"]
            )
        return super().dispatch(request, *args, **kwargs)

    def get_action(self) -> Action:
        return found_or_404(self.action)

    def may_change(self) -> bool:
        return selectors.may_change_action(
            user=self.request.user,
            action=self.get_action(),
            capabilities=self.request.capabilities,  # type: ignore[attr-defined]
        )

    def action_context(self, **kwargs: Any) -> dict[str, Any]:
        action = self.get_action()
        return {
            "action": action,
            "updates": history_of(list(selectors.updates_of(action=action))),
            "today": selectors.partnership_today(self.partnership),
            "zone_name": zone_of(self.partnership).key,
            "may_change": self.may_change(),
            **kwargs,
        }


@dataclass(frozen=True)
class HistoryLine:
    by: str
    what: str
    at: dt.datetime
    note: str


def history_of(updates: list[ActionUpdate]) -> list[HistoryLine]:
    """Each update in words: who recorded the action, marked it done, dropped or reopened it,
    or added a note on progress."""
    lines, before = [], ""
    for update in updates:
        if not before and update.status == "open" and not update.note:
            what = "recorded the action"
        elif update.status != (before or "open"):
            what = STATUS_SENTENCES[update.status]
        else:
            what = "added a note"
        lines.append(
            HistoryLine(by=update.by_name or "Someone", what=what, at=update.at, note=update.note)
        )
        before = update.status
    return lines


STATUS_SENTENCES = {"done": "marked it done", "dropped": "dropped it", "open": "reopened it"}


class ActionDetailView(OneActionView):
    template_name = "programme/action_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = self.action_context(**kwargs)
        if context["may_change"]:
            context["status_form"] = ActionStatusForm(initial={"status": context["action"].status})
        return super().get_context_data(**context)


__all__ = [
    "ActionCsvView",
    "ActionDetailView",
    "ActionListView",
    "ActionXlsxView",
    "MyActionsView",
    "OneActionView",
    "PersonActionsView",
    "activity_actions_context",
]
