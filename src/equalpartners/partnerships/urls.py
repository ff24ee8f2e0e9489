from django.urls import path

from equalpartners.partnerships import invitation_views, views

app_name = "partnerships"

urlpatterns = [
    path("partners/", views.PartnersView.as_view(), name="partners"),
    path("partners/new/", views.PartnerAddView.as_view(), name="partner-add"),
    path("partners/<int:partner_id>/", views.PartnerDetailView.as_view(), name="partner"),
    path("partners/<int:partner_id>/edit/", views.PartnerEditView.as_view(), name="partner-edit"),
    path("people/", views.PeopleView.as_view(), name="people"),
    path("people/invite/", invitation_views.InviteView.as_view(), name="invite"),
    path(
        "people/invitations/<int:invitation_id>/withdraw/",
        invitation_views.InvitationRevokeView.as_view(),
        name="invitation-revoke",
    ),
    path("people/<int:membership_id>/", views.MemberView.as_view(), name="member"),
    path(
        "people/<int:membership_id>/remove/", views.MemberRemoveView.as_view(), name="member-remove"
    ),
    path("initiatives/", views.InitiativesView.as_view(), name="initiatives"),
    path("initiatives/new/", views.InitiativeFormView.as_view(), name="initiative-add"),
    path(
        "initiatives/<int:initiative_id>/edit/",
        views.InitiativeFormView.as_view(),
        name="initiative-edit",
    ),
    path(
        "initiatives/<int:initiative_id>/delete/",
        views.InitiativeDeleteView.as_view(),
        name="initiative-delete",
    ),
    path("history/", views.HistoryView.as_view(), name="history"),
    path("settings/", views.SettingsView.as_view(), name="settings"),
    path("settings/links/new/", views.PublicLinkAddView.as_view(), name="link-add"),
    path(
        "settings/links/<int:link_id>/delete/",
        views.PublicLinkDeleteView.as_view(),
        name="link-delete",
    ),
]
