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
]
