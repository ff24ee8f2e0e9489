"""Pages for mixing and connecting people, one idea a module: seating plans (`seating`),
introductions (`introductions`), profiles (`profiles`), networks (`networks`) and how the
network grows (`growth`)."""

from equalpartners.networking.views.growth import (
    GrowthTiesCsvView,
    GrowthView,
    TieDeclareView,
    TieRemoveView,
)
from equalpartners.networking.views.introductions import IntroductionsSendView, IntroductionsView
from equalpartners.networking.views.networks import (
    NetworkCreateView,
    NetworkDeleteView,
    NetworkEditView,
    NetworkJoinView,
    NetworkLeaveView,
    NetworkListingView,
    NetworkMemberView,
    NetworksView,
    NetworkView,
)
from equalpartners.networking.views.profiles import PersonProfileView, ProfileEditView
from equalpartners.networking.views.seating import (
    ItinerariesView,
    PlanDownloadView,
    SeatingDeleteView,
    SeatingView,
    TableCardsView,
)

__all__ = [
    "GrowthTiesCsvView",
    "GrowthView",
    "IntroductionsSendView",
    "IntroductionsView",
    "ItinerariesView",
    "NetworkCreateView",
    "NetworkDeleteView",
    "NetworkEditView",
    "NetworkJoinView",
    "NetworkLeaveView",
    "NetworkListingView",
    "NetworkMemberView",
    "NetworkView",
    "NetworksView",
    "PersonProfileView",
    "PlanDownloadView",
    "ProfileEditView",
    "SeatingDeleteView",
    "SeatingView",
    "TableCardsView",
    "TieDeclareView",
    "TieRemoveView",
]
