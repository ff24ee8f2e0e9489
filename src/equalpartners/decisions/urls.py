from django.urls import path

from equalpartners.decisions import views

app_name = "decisions"

urlpatterns = [
    path("decisions/", views.DecisionListView.as_view(), name="decisions"),
    path("decisions/new/", views.DecisionCreateView.as_view(), name="decision-create"),
    path("decisions/<int:decision_id>/", views.DecisionDetailView.as_view(), name="decision"),
    path(
        "decisions/<int:decision_id>/edit/", views.DecisionEditView.as_view(), name="decision-edit"
    ),
    path("decisions/<int:decision_id>/vote/", views.VoteView.as_view(), name="vote"),
    path("decisions/<int:decision_id>/results/", views.ResultsView.as_view(), name="results"),
    path("decisions/<int:decision_id>/propose/", views.ProposeView.as_view(), name="propose"),
    path("decisions/<int:decision_id>/close/", views.CloseView.as_view(), name="close"),
    path("decisions/<int:decision_id>/remind/", views.RemindView.as_view(), name="remind"),
    path("decisions/<int:decision_id>/outcome/", views.OutcomeView.as_view(), name="outcome"),
    path(
        "decisions/<int:decision_id>/options/<int:option_id>/remove/",
        views.OptionRemoveView.as_view(),
        name="option-remove",
    ),
]
