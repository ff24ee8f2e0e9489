from django.urls import path

from equalpartners.programme import action_form_views, action_views, timeline_views, views

app_name = "programme"

urlpatterns = [
    path("programme/", views.ActivityListView.as_view(), name="activities"),
    path("programme/new/", views.ActivityCreateView.as_view(), name="activity-create"),
    path("programme/<int:activity_id>/", views.ActivityDetailView.as_view(), name="activity"),
    path(
        "programme/<int:activity_id>/edit/", views.ActivityEditView.as_view(), name="activity-edit"
    ),
    path(
        "programme/<int:activity_id>/challenges/new/",
        action_form_views.ChallengeCreateView.as_view(),
        name="challenge-create",
    ),
    path(
        "programme/<int:activity_id>/actions/new/",
        action_form_views.ActivityActionCreateView.as_view(),
        name="activity-action-create",
    ),
    path("actions/", action_views.ActionListView.as_view(), name="actions"),
    path("actions/mine/", action_views.MyActionsView.as_view(), name="my-actions"),
    path("actions/new/", action_form_views.ActionCreateView.as_view(), name="action-create"),
    path("actions.csv", action_views.ActionCsvView.as_view(), name="actions-csv"),
    path("actions.xlsx", action_views.ActionXlsxView.as_view(), name="actions-xlsx"),
    path("actions/<int:action_id>/", action_views.ActionDetailView.as_view(), name="action"),
    path(
        "actions/<int:action_id>/status/",
        action_form_views.ActionStatusView.as_view(),
        name="action-status",
    ),
    path(
        "actions/<int:action_id>/edit/",
        action_form_views.ActionEditView.as_view(),
        name="action-edit",
    ),
    path(
        "actions/<int:action_id>/drop/",
        action_form_views.ActionDropView.as_view(),
        name="action-drop",
    ),
    path(
        "people/<int:person_id>/actions/",
        action_views.PersonActionsView.as_view(),
        name="person-actions",
    ),
    path("milestones/new/", views.MilestoneFormView.as_view(), name="milestone-create"),
    path("milestones/<int:milestone_id>/", views.MilestoneDetailView.as_view(), name="milestone"),
    path(
        "milestones/<int:milestone_id>/edit/",
        views.MilestoneFormView.as_view(),
        name="milestone-edit",
    ),
    path(
        "milestones/<int:milestone_id>/delete/",
        views.MilestoneDeleteView.as_view(),
        name="milestone-delete",
    ),
    path("outputs/new/", views.OutputFormView.as_view(), name="output-create"),
    path("outputs/<int:output_id>/", views.OutputDetailView.as_view(), name="output"),
    path("outputs/<int:output_id>/edit/", views.OutputFormView.as_view(), name="output-edit"),
    path("outputs/<int:output_id>/file/", views.OutputFileView.as_view(), name="output-file"),
    path("outputs/<int:output_id>/delete/", views.OutputDeleteView.as_view(), name="output-delete"),
    path("timeline/", timeline_views.TimelineView.as_view(), name="timeline"),
    path("timeline.csv", timeline_views.TimelineCsvView.as_view(), name="timeline-csv"),
    path("timeline.ics", timeline_views.TimelineIcalView.as_view(), name="timeline-ics"),
]
