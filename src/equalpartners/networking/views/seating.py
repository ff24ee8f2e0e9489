"""Pages for a seating plan: building and re-planning it, removing it, table cards and
itineraries (to print or as PDF), and the plan as CSV."""

from __future__ import annotations

import csv
from typing import Any

from django.contrib import messages
from django.db.models import Q
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect

from equalpartners.attendance import selectors as attendance_selectors
from equalpartners.core.capabilities import Capability
from equalpartners.core.views import PartnershipAccess, ServiceFormView, found_or_404
from equalpartners.networking import selectors, services
from equalpartners.networking.forms import ReplanForm, SeatingForm
from equalpartners.networking.printing import pdf_response
from equalpartners.networking.views.activity import ActivityPage
from equalpartners.partnerships import selectors as partnership_selectors
from equalpartners.partnerships.models import Person
from equalpartners.programme import selectors as programme_selectors


class SeatingView(ActivityPage, ServiceFormView):
    """The plan if there is one (with the form to re-plan), else the form to build one."""

    template_name = "networking/seating.html"
    success_message = "Seating plan ready"

    def get_form_class(self) -> Any:
        return ReplanForm if selectors.plan_for(activity=self.activity()) else SeatingForm

    def people(self) -> Any:
        """Whom a plan may seat: the members, and everyone with a place at the activity
        (people registered from outside the partnership included)."""
        members = partnership_selectors.people_choices(partnership=self.partnership)
        registered = attendance_selectors.people_registered(activity=self.activity())
        return (
            Person.objects.filter(
                Q(pk__in=members.values("pk")) | Q(pk__in=registered.values("pk"))
            )
            .select_related("organisation")
            .order_by("name", "id")
        )

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        members = self.people()
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
        # Those checked in if the day has begun, else everyone with a place.
        here = attendance_selectors.people_registered(
            activity=self.activity(), checked_in_only=True
        )
        if not here.exists():
            here = attendance_selectors.people_registered(activity=self.activity())
        return {"facilitators": leaders, "people": list(here)}

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


class SeatingDeleteView(ActivityPage):
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


class _PrintPage(ActivityPage):
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
