from django.urls import path

from equalpartners.health import confirm_views, item_views, survey_views, views

app_name = "health"

urlpatterns = [
    path("health/", views.HomeView.as_view(), name="home"),
    path("health/trend/", views.TrendView.as_view(), name="trend"),
    path("health/waves/new/", views.WaveCreateView.as_view(), name="wave-create"),
    path("health/waves/<int:wave_id>/", views.WaveView.as_view(), name="wave"),
    path("health/waves/<int:wave_id>/edit/", views.WaveEditView.as_view(), name="wave-edit"),
    path(
        "health/waves/<int:wave_id>/close/",
        confirm_views.WaveCloseView.as_view(),
        name="wave-close",
    ),
    path(
        "health/waves/<int:wave_id>/delete/",
        confirm_views.WaveDeleteView.as_view(),
        name="wave-delete",
    ),
    path("health/waves/<int:wave_id>/answer/", views.AnswerView.as_view(), name="answer"),
    path("health/waves/<int:wave_id>/results/", views.ResultsView.as_view(), name="results"),
    path(
        "health/waves/<int:wave_id>/results.csv",
        views.ResultsCsvView.as_view(),
        name="results-csv",
    ),
    path(
        "health/waves/<int:wave_id>/statements/new/",
        item_views.ItemAddView.as_view(),
        name="item-add",
    ),
    path(
        "health/waves/<int:wave_id>/statements/<int:item_id>/edit/",
        item_views.ItemEditView.as_view(),
        name="item-edit",
    ),
    path(
        "health/waves/<int:wave_id>/statements/<int:item_id>/remove/",
        confirm_views.ItemRemoveView.as_view(),
        name="item-remove",
    ),
    path("health/relationships/", survey_views.RelationshipsView.as_view(), name="relationships"),
    path(
        "health/relationships/new/",
        survey_views.SurveyCreateView.as_view(),
        name="survey-create",
    ),
    path(
        "health/relationships/<int:survey_id>/",
        survey_views.SurveyView.as_view(),
        name="survey",
    ),
    path(
        "health/relationships/<int:survey_id>/edit/",
        survey_views.SurveyEditView.as_view(),
        name="survey-edit",
    ),
    path(
        "health/relationships/<int:survey_id>/answer/",
        survey_views.SurveyAnswerView.as_view(),
        name="survey-answer",
    ),
    path(
        "health/relationships/<int:survey_id>/close/",
        confirm_views.SurveyCloseView.as_view(),
        name="survey-close",
    ),
    path(
        "health/relationships/<int:survey_id>/delete/",
        confirm_views.SurveyDeleteView.as_view(),
        name="survey-delete",
    ),
]
