from django.urls import path

from equalpartners.themes import views

app_name = "themes"

urlpatterns = [
    path("themes/", views.CallListView.as_view(), name="calls"),
    path("themes/new/", views.CallCreateView.as_view(), name="call-create"),
    path("themes/<int:call_id>/", views.CallDetailView.as_view(), name="call"),
    path("themes/<int:call_id>/edit/", views.CallEditView.as_view(), name="call-edit"),
    path("themes/<int:call_id>/propose/", views.ProposeView.as_view(), name="propose"),
    path("themes/<int:call_id>/open-voting/", views.OpenVotingView.as_view(), name="open-voting"),
    path("themes/<int:call_id>/vote/", views.VoteView.as_view(), name="vote"),
    path("themes/<int:call_id>/close/", views.CloseView.as_view(), name="close"),
    path("themes/<int:call_id>/results/", views.ResultsView.as_view(), name="results"),
    path(
        "themes/<int:call_id>/themes/<int:proposal_id>/edit/",
        views.ProposalEditView.as_view(),
        name="proposal-edit",
    ),
    path(
        "themes/<int:call_id>/themes/<int:proposal_id>/withdraw/",
        views.ProposalWithdrawView.as_view(),
        name="proposal-withdraw",
    ),
    path(
        "themes/<int:call_id>/themes/<int:proposal_id>/session/",
        views.SessionView.as_view(),
        name="session",
    ),
]
