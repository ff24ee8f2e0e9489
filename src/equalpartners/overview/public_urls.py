from django.urls import include, path

from equalpartners.overview import views

app_name = "public"

urlpatterns = [
    path("", views.PublicPageView.as_view(), name="page"),
    path("timeline.ics", views.PublicCalendarView.as_view(), name="timeline-ics"),
    path("learning/", include("equalpartners.learning.public_urls")),
]
