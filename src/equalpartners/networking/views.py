"""Pages for mixing people at an activity: the seating plan, re-planning, table cards and
itineraries (to print or as PDF), introductions, and a person's offers and needs."""

from __future__ import annotations

import csv
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from equalpartners.core.capabilities import Capability
from equalpartners.core.views import (
    PartnershipAccess,
    PartnershipView,
    ServiceFormView,
    found_or_404,
)
from equalpartners.networking import selectors, services
from equalpartners.networking.forms import IntroductionsForm, ProfileForm, ReplanForm, SeatingForm
from equalpartners.networking.models import SeatingPlan
from equalpartners.networking.printing import pdf_response
from equalpartners.partnerships import selectors as partnership_selectors
from equalpartners.programme import selectors as programme_selectors


class _ActivityPage(PartnershipView):
    """A page about mixing people at one activity, for those who run the programme."""

    capability = Capability.MANAGE_PROGRAMME

    def activity(self) -> Any:
        if not hasattr(self, "_activity"):
            self._activity = found_or_404(
                programme_selectors.activity_in(
                    partnership=self.partnership, activity_id=self.kwargs["activity_id"]
                )
            )
        return self._activity

    def plan(self) -> SeatingPlan:
        return found_or_404(selectors.plan_for(activity=self.activity()))

    def seating_url(self) -> str:
        return reverse(
            "networking:seating",
            kwargs={"partnership_slug": self.partnership.slug, "activity_id": self.activity().pk},
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(activity=self.activity(), **kwargs)


class SeatingView(_ActivityPage, ServiceFormView):
    """The plan if there is one (with the form to re-plan), else the form to build one."""

    template_name = "networking/seating.html"
    success_message = "Seating plan ready"

    def get_form_class(self) -> Any:
        return ReplanForm if selectors.plan_for(activity=self.activity()) else SeatingForm

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        members = partnership_selectors.people_choices(partnership=self.partnership)
        plan = selectors.plan_for(activity=self.activity())
        if plan is None:
            return {**kwargs, "people": members}
        in_plan = [pp.person_id for pp in selectors.plan_people(plan=plan)]
        here = [pp.person_id for pp in selectors.people_here(plan=plan)]
        return {
            **kwargs,
            "here": members.filter(pk__in=here),
            "others": members.exclude(pk__in=in_plan),
            "rounds": plan.rounds,
        }

    def get_initial(self) -> dict[str, Any]:
        plan = selectors.plan_for(activity=self.activity())
        if plan is not None:
            return {"rounds_run": plan.rounds_run}
        leaders = list(self.activity().led_by.all())
        return {"facilitators": leaders}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        plan = selectors.plan_for(activity=self.activity())
        context: dict[str, Any] = {"plan": plan}
        if plan is not None:
            context.update(
                rounds=selectors.rounds_of(plan=plan),
                certificate=plan.certificate,
                people=selectors.plan_people(plan=plan),
            )
        return super().get_context_data(**context, **kwargs)

    def perform(self, form: Any) -> str:
        plan = selectors.plan_for(activity=self.activity())
        data = form.cleaned_data
        if plan is None:
            services.plan_build(
                actor=self.request.user,
                activity=self.activity(),
                people=list(data["people"]),
                facilitators=list(data["facilitators"]),
                table_size=data["table_size"],
                rounds=data["rounds"],
                rules=form.rules(),
            )
        else:
            services.plan_replan(
                actor=self.request.user,
                plan=plan,
                rounds_run=data["rounds_run"],
                left=list(data["left"]),
                arrived=list(data["arrived"]),
            )
            self.success_message = "The rounds still to come are re-planned"
        return self.seating_url()


class SeatingDeleteView(_ActivityPage):
    template_name = "networking/confirm.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        self.plan()
        return super().get_context_data(
            heading="Remove this seating plan?",
            explanation=(
                "The tables for every round go, and you can build a new plan. Contacts from"
                " rounds already held stay recorded, since those meetings happened."
            ),
            button="Remove the plan",
            back=self.seating_url(),
            **kwargs,
        )

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        services.plan_delete(actor=request.user, plan=self.plan())
        messages.success(request, "Seating plan removed")
        return HttpResponseRedirect(self.seating_url())


class _PrintPage(_ActivityPage):
    """A page laid out for paper; with ?format=pdf the same page as a tagged PDF."""

    pdf_name = "seating"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().get(request, *args, **kwargs)
        if request.GET.get("format") == "pdf":
            response.render()  # type: ignore[attr-defined]
            return pdf_response(
                response.content.decode(),
                base_url=request.build_absolute_uri("/"),
                filename=f"{self.pdf_name}-{self.activity().pk}.pdf",
            )
        return response


class TableCardsView(_PrintPage):
    template_name = "networking/table_cards.html"
    pdf_name = "table-cards"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        plan = self.plan()
        return super().get_context_data(plan=plan, rounds=selectors.rounds_of(plan=plan), **kwargs)


class ItinerariesView(_PrintPage):
    template_name = "networking/itineraries.html"
    pdf_name = "itineraries"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        plan = self.plan()
        return super().get_context_data(
            plan=plan,
            itineraries=selectors.itineraries_of(plan=plan),
            round_numbers=range(1, plan.rounds + 1),
            **kwargs,
        )


class PlanDownloadView(PartnershipAccess):
    """PLAN.csv: round, table, person id and name, as the command line writes it (plus names)."""

    capability = Capability.MANAGE_PROGRAMME

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        activity = found_or_404(
            programme_selectors.activity_in(
                partnership=self.partnership, activity_id=kwargs["activity_id"]
            )
        )
        plan = found_or_404(selectors.plan_for(activity=activity))
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="plan-{activity.pk}.csv"'
        writer = csv.writer(response)
        writer.writerow(["round", "table", "person_id", "name", "organisation"])
        for round_view in selectors.rounds_of(plan=plan):
            for table in round_view.tables:
                for seated in table.people:
                    writer.writerow(
                        [
                            round_view.number,
                            table.number,
                            seated.person.pk,
                            seated.person.name,
                            seated.organisation,
                        ]
                    )
        return response


class IntroductionsView(_ActivityPage, ServiceFormView):
    template_name = "networking/introductions.html"
    form_class = IntroductionsForm

    def get_form_kwargs(self) -> dict[str, Any]:
        members = partnership_selectors.people_choices(partnership=self.partnership)
        return {**super().get_form_kwargs(), "people": members}

    def get_initial(self) -> dict[str, Any]:
        plan = selectors.plan_for(activity=self.activity())
        if plan is not None:
            return {"people": [pp.person for pp in selectors.people_here(plan=plan)]}
        return {}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        introductions = list(selectors.introductions_for(activity=self.activity()))
        return super().get_context_data(
            introductions=introductions,
            waiting=sum(1 for i in introductions if i.sent_at is None),
            **kwargs,
        )

    def perform(self, form: Any) -> str:
        count = services.introductions_build(
            actor=self.request.user,
            activity=self.activity(),
            people=list(form.cleaned_data["people"]),
            per_person=form.cleaned_data["per_person"],
            slots=form.cleaned_data["slots"],
        )
        self.success_message = (
            f"{count} introductions suggested"
            if count
            else "No introductions fit: nobody's offers meet another's needs or interests yet"
        )
        return self.request.path


class IntroductionsSendView(_ActivityPage):
    template_name = "networking/confirm.html"

    def back(self) -> str:
        return reverse(
            "networking:introductions",
            kwargs={"partnership_slug": self.partnership.slug, "activity_id": self.activity().pk},
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            heading="Send the introductions?",
            explanation=(
                "Each person gets one email listing who to meet and why. The introductions are"
                " then recorded as contacts made."
            ),
            button="Send the introductions",
            back=self.back(),
            **kwargs,
        )

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            count = services.introductions_send(actor=request.user, activity=self.activity())
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"Sent {count} introductions")
        return HttpResponseRedirect(self.back())


class ProfileEditView(ServiceFormView):
    """What a person offers, is interested in and needs: editable by themselves, or by those
    who manage people."""

    template_name = "networking/profile_form.html"
    form_class = ProfileForm
    success_message = "Offers and needs saved"
    capability = Capability.CONTRIBUTE  # guests only look

    def person(self) -> Any:
        if not hasattr(self, "_person"):
            membership = found_or_404(
                partnership_selectors.membership_of_person(
                    partnership=self.partnership, person_id=self.kwargs["person_id"]
                )
            )
            self._person = membership.person
        return self._person

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self._check_may_edit()
        return super().get(request, *args, **kwargs)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self._check_may_edit()
        return super().post(request, *args, **kwargs)

    def _check_may_edit(self) -> None:
        from django.core.exceptions import PermissionDenied

        own = getattr(self.request.user, "person", None) == self.person()
        if not own and Capability.MANAGE_PEOPLE not in self.request.capabilities:  # type: ignore[attr-defined]
            raise PermissionDenied("Only the person or those who manage people can change this.")

    def get_initial(self) -> dict[str, Any]:
        profile = selectors.profile_of(person=self.person())
        return {
            "asset": "\n".join(profile.assets),
            "interest": "\n".join(profile.interests),
            "need": "\n".join(profile.needs),
        }

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(person=self.person(), **kwargs)

    def perform(self, form: ProfileForm) -> str:
        services.profile_update(
            actor=self.request.user,
            partnership=self.partnership,
            person=self.person(),
            items=form.items(),
        )
        return self.request.path
