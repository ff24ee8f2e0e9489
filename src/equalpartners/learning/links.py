"""Links from the Learning hub to pages other apps provide.

Those pages arrive in their own time (health checks, the relationship survey, network growth,
reports), so each link is offered only when its address is known: the hub never fails because a
page is not there yet.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse

# (URL name, label, what it is for)
OTHER_PAGES = [
    (
        "health:home",
        "Partnership health checks",
        "How well the partnership works, asked every few months and answered anonymously",
    ),
    (
        "health:relationships",
        "Relationship survey",
        "How much the partner organisations trust and value one another",
    ),
    (
        "networking:growth",
        "Network growth",
        "Who knows whom across sectors now, and how that has changed",
    ),
    (
        "reports:list",
        "Learning reports",
        "Gather what we learned in a period, and publish it for others",
    ),
]


@dataclass(frozen=True)
class PageLink:
    label: str
    description: str
    url: str


def optional_url(name: str, *, partnership_slug: str) -> str | None:
    """The address of a page in the partnership, or None when no page has that name."""
    try:
        return reverse(name, kwargs={"partnership_slug": partnership_slug})
    except NoReverseMatch:
        return None


def other_learning_pages(*, partnership_slug: str) -> list[PageLink]:
    links = []
    for name, label, description in OTHER_PAGES:
        url = optional_url(name, partnership_slug=partnership_slug)
        if url is not None:
            links.append(PageLink(label=label, description=description, url=url))
    return links
