from django.urls import path

from equalpartners.overview import views

app_name = "overview"

urlpatterns = [
    path("", views.PartnershipHomeView.as_view(), name="home"),
]
