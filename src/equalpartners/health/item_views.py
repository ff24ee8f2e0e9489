"""Pages for a wave's statements before it opens: add one, or change one."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from equalpartners.core.capabilities import Capability
from equalpartners.core.views import ServiceFormView
from equalpartners.health import services
from equalpartners.health.forms import ItemForm
from equalpartners.health.models import Wave
from equalpartners.health.views import WavePage


class _ItemFormView(ServiceFormView, WavePage):
    capability = Capability.MANAGE_LEARNING
    template_name = "health/item_form.html"
    form_class = ItemForm

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        wave = self.wave()
        return super().get_context_data(wave=wave, status=wave.status_at(timezone.now()), **kwargs)


class ItemAddView(_ItemFormView):
    success_message = "Statement added"

    def perform(self, form: ItemForm) -> Wave:
        services.item_add(actor=self.request.user, wave=self.wave(), **form.cleaned_data)
        return self.wave()


class ItemEditView(_ItemFormView):
    success_message = "Statement changed"

    def get_initial(self) -> dict[str, Any]:
        item = self.item()
        return {"factor": item.factor, "text": item.text}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(item=self.item(), **kwargs)

    def perform(self, form: ItemForm) -> Wave:
        services.item_update(actor=self.request.user, item=self.item(), **form.cleaned_data)
        return self.wave()
