"""Calendar invitations for a meeting-time poll's chosen time, emailed to those who can come.

Called by ``services.decision_record_outcome`` inside its transaction: the emails go once the
outcome is committed, and each sending is audited with how many it reached.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string

from equalpartners.core.audit import audit_record
from equalpartners.core.services import Actor
from equalpartners.decisions import calendar, selectors
from equalpartners.decisions.models import Decision, Option


def send(*, actor: Actor, decision: Decision, option: Option, url: str, cancel: bool) -> None:
    """Email an invitation to ``option`` (or its cancellation) to everyone who said they could
    come then, once the transaction has committed."""
    people = selectors.who_can_come(decision=decision, option=option)
    addresses = [p.email for p in people if p.email]
    if cancel:
        ics = calendar.cancellation_for(decision=decision, option=option, attendees=addresses)
    else:
        ics = calendar.invitation_for(
            decision=decision, option=option, attendees=addresses, url=url
        )
    transaction.on_commit(lambda: _email(decision, ics, addresses, cancel=cancel))
    audit_record(
        actor=actor,
        action="decision.cancellation" if cancel else "decision.invitation",
        partnership=decision.partnership,
        target=decision,
        data={"slot": option.label, "sent_to": len(addresses)},
    )


def _email(decision: Decision, ics: bytes, addresses: list[str], *, cancel: bool) -> None:
    subject, method = ("Cancelled", "CANCEL") if cancel else ("Invitation", "REQUEST")
    body = render_to_string(
        "decisions/email/invitation.txt", {"decision": decision, "cancelled": cancel}
    )
    for address in addresses:
        message = EmailMessage(
            subject=f"{subject}: {decision.question}",
            body=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[address],
        )
        message.attach("invitation.ics", ics, f"text/calendar; method={method}; charset=utf-8")
        message.send()
