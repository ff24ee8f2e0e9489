"""Addresses reached by a link with a secret token, signed in or not."""

from django.urls import path

from equalpartners.attendance import public_views

app_name = "registrant"

urlpatterns = [
    path("register/<str:token>/", public_views.PublicRegisterView.as_view(), name="register"),
    path("registrations/<str:token>/", public_views.MyRegistrationView.as_view(), name="mine"),
    path("registrations/<str:token>/code.svg", public_views.CodeImageView.as_view(), name="qr"),
    path(
        "registrations/<str:token>/event.ics",
        public_views.RegistrationCalendarView.as_view(),
        name="calendar",
    ),
]
