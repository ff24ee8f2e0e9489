"""The site's addresses. Everything inside a partnership lives under /p/<partnership_slug>/."""

from django.contrib import admin
from django.urls import include, path

from equalpartners.overview import views as overview
from equalpartners.partnerships import invitation_views as invitations
from equalpartners.partnerships import views as partnerships

urlpatterns = [
    path("", overview.LandingView.as_view(), name="home"),
    path("partnerships/", partnerships.MyPartnershipsView.as_view(), name="mine"),
    path("accounts/", include("equalpartners.accounts.urls")),
    path(
        "invitations/<str:token>/",
        invitations.InvitationAcceptView.as_view(),
        name="invitation-accept",
    ),
    path("public/<slug:partnership_slug>/", include("equalpartners.overview.public_urls")),
    path("p/<slug:partnership_slug>/", include("equalpartners.overview.urls")),
    path("p/<slug:partnership_slug>/", include("equalpartners.partnerships.urls")),
    path("p/<slug:partnership_slug>/", include("equalpartners.programme.urls")),
    path("p/<slug:partnership_slug>/", include("equalpartners.decisions.urls")),
    path("p/<slug:partnership_slug>/", include("equalpartners.attendance.urls")),
    path("p/<slug:partnership_slug>/", include("equalpartners.themes.urls")),
    path("p/<slug:partnership_slug>/", include("equalpartners.networking.urls")),
    path("p/<slug:partnership_slug>/", include("equalpartners.health.urls")),
    path("p/<slug:partnership_slug>/", include("equalpartners.learning.urls")),
    path("p/<slug:partnership_slug>/", include("equalpartners.reports.urls")),
    path("", include("equalpartners.notifications.urls")),
    path("", include("equalpartners.attendance.public_urls")),
    path("reports/", include("equalpartners.reports.public_urls")),
    path("admin/", admin.site.urls),
]
