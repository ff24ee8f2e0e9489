from django.urls import path

from equalpartners.networking import views

app_name = "networking"

urlpatterns = [
    path("activities/<int:activity_id>/seating/", views.SeatingView.as_view(), name="seating"),
    path(
        "activities/<int:activity_id>/seating/remove/",
        views.SeatingDeleteView.as_view(),
        name="seating-delete",
    ),
    path(
        "activities/<int:activity_id>/seating/table-cards/",
        views.TableCardsView.as_view(),
        name="table-cards",
    ),
    path(
        "activities/<int:activity_id>/seating/itineraries/",
        views.ItinerariesView.as_view(),
        name="itineraries",
    ),
    path(
        "activities/<int:activity_id>/seating/plan.csv",
        views.PlanDownloadView.as_view(),
        name="plan-download",
    ),
    path(
        "activities/<int:activity_id>/introductions/",
        views.IntroductionsView.as_view(),
        name="introductions",
    ),
    path(
        "activities/<int:activity_id>/introductions/send/",
        views.IntroductionsSendView.as_view(),
        name="introductions-send",
    ),
    path(
        "people/<int:person_id>/offers-and-needs/",
        views.ProfileEditView.as_view(),
        name="profile",
    ),
    path(
        "people/<int:person_id>/profile/",
        views.PersonProfileView.as_view(),
        name="person-profile",
    ),
    path("networks/", views.NetworksView.as_view(), name="networks"),
    path("networks/growth/", views.GrowthView.as_view(), name="growth"),
    path("networks/growth/ties.csv", views.GrowthTiesCsvView.as_view(), name="growth-ties"),
    path("networks/worked-with/", views.TieDeclareView.as_view(), name="tie-declare"),
    path(
        "networks/worked-with/<int:tie_id>/remove/",
        views.TieRemoveView.as_view(),
        name="tie-remove",
    ),
    path("networks/new/", views.NetworkCreateView.as_view(), name="network-create"),
    path("networks/<int:network_id>/", views.NetworkView.as_view(), name="network"),
    path("networks/<int:network_id>/join/", views.NetworkJoinView.as_view(), name="network-join"),
    path(
        "networks/<int:network_id>/leave/", views.NetworkLeaveView.as_view(), name="network-leave"
    ),
    path(
        "networks/<int:network_id>/listing/",
        views.NetworkListingView.as_view(),
        name="network-listing",
    ),
    path(
        "networks/<int:network_id>/people/<int:person_id>/",
        views.NetworkMemberView.as_view(),
        name="network-member",
    ),
    path("networks/<int:network_id>/edit/", views.NetworkEditView.as_view(), name="network-edit"),
    path(
        "networks/<int:network_id>/delete/",
        views.NetworkDeleteView.as_view(),
        name="network-delete",
    ),
]
