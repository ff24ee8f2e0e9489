"""A signed-in person's notifications, across every partnership they are in, and preferences.

These pages are per person, not per partnership, so they are plain signed-in views: what is
not yours is 404, like anything else you may not see.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.generic import FormView, TemplateView, View

from equalpartners.core.views import found_or_404
from equalpartners.notifications import selectors, services
from equalpartners.notifications.forms import PreferenceForm
from equalpartners.partnerships.models import Person

PAGE_SIZE = 25


class PersonMixin(LoginRequiredMixin):
    request: HttpRequest

    @property
    def person(self) -> Person | None:
        if not hasattr(self, "_person"):
            self._person = selectors.person_of(user=self.request.user)
        return self._person


class NotificationListView(PersonMixin, TemplateView):
    template_name = "notifications/list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        person = self.person
        page = None
        unread = 0
        if person is not None:
            items = selectors.notifications_for(person=person)
            page = Paginator(items, PAGE_SIZE).get_page(self.request.GET.get("page"))
            unread = selectors.unread_count_for_user(user=self.request.user)
        return super().get_context_data(person=person, page=page, unread=unread, **kwargs)


def _safe(request: HttpRequest, target: str) -> bool:
    return bool(target) and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )


def _next_or(request: HttpRequest, default: str) -> str:
    target = request.POST.get("next", "")
    return target if _safe(request, target) else default


class MarkReadView(PersonMixin, View):
    """Mark one notification read, then go to what it is about (or back to the list)."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, notification_id: int) -> HttpResponse:
        person = found_or_404(self.person)
        notification = found_or_404(
            selectors.notification_of(person=person, notification_id=notification_id)
        )
        services.notification_mark_read(actor=request.user, notification=notification)
        if request.POST.get("open") and _safe(request, notification.url):
            return HttpResponseRedirect(notification.url)
        return HttpResponseRedirect(_next_or(request, reverse("notifications:list")))


class MarkAllReadView(PersonMixin, View):
    http_method_names = ["post"]

    def post(self, request: HttpRequest) -> HttpResponse:
        person = found_or_404(self.person)
        count = services.notifications_mark_all_read(actor=request.user, person=person)
        if count:
            messages.success(
                request, f"Marked {count} notification{'s' if count != 1 else ''} as read"
            )
        return HttpResponseRedirect(reverse("notifications:list"))


class PreferencesView(PersonMixin, FormView[PreferenceForm]):
    template_name = "notifications/preferences.html"
    form_class = PreferenceForm

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if request.user.is_authenticated and self.person is None:
            # An account with no person record has no notifications and nothing to set.
            return HttpResponseRedirect(reverse("notifications:list"))
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self) -> dict[str, Any]:
        person = found_or_404(self.person)
        return {"email_mode": selectors.email_mode_of(person=person)}

    def form_valid(self, form: PreferenceForm) -> HttpResponse:
        services.notification_preference_update(
            actor=self.request.user,
            person=found_or_404(self.person),
            email_mode=form.cleaned_data["email_mode"],
        )
        messages.success(self.request, "Your email preference has been saved")
        return HttpResponseRedirect(reverse("notifications:preferences"))
