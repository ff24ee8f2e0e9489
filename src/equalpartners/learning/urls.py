from django.urls import path

from equalpartners.learning import round_views, story_views, views

app_name = "learning"

urlpatterns = [
    path("learning/", views.LearningHomeView.as_view(), name="home"),
    # The learning log
    path("learning/reflections/", views.ReflectionListView.as_view(), name="reflections"),
    path(
        "learning/reflections/reflections.csv",
        views.ReflectionCsvView.as_view(),
        name="reflections-csv",
    ),
    path(
        "learning/reflections/new/", views.ReflectionCreateView.as_view(), name="reflection-create"
    ),
    path(
        "learning/reflections/<int:reflection_id>/",
        views.ReflectionDetailView.as_view(),
        name="reflection",
    ),
    path(
        "learning/reflections/<int:reflection_id>/edit/",
        views.ReflectionEditView.as_view(),
        name="reflection-edit",
    ),
    path(
        "learning/reflections/<int:reflection_id>/delete/",
        views.ReflectionDeleteView.as_view(),
        name="reflection-delete",
    ),
    path(
        "learning/reflections/<int:reflection_id>/report/",
        views.ReflectionReportView.as_view(),
        name="reflection-report",
    ),
    # Stories of change
    path("learning/stories/", story_views.StoryListView.as_view(), name="stories"),
    path("learning/stories/new/", story_views.StoryCreateView.as_view(), name="story-create"),
    path("learning/stories/<int:story_id>/", story_views.StoryDetailView.as_view(), name="story"),
    path(
        "learning/stories/<int:story_id>/edit/",
        story_views.StoryEditView.as_view(),
        name="story-edit",
    ),
    path(
        "learning/stories/<int:story_id>/delete/",
        story_views.StoryDeleteView.as_view(),
        name="story-delete",
    ),
    path("learning/domains/", story_views.DomainListView.as_view(), name="domains"),
    path("learning/domains/new/", story_views.DomainCreateView.as_view(), name="domain-create"),
    path(
        "learning/domains/suggested/",
        story_views.DomainSuggestedView.as_view(),
        name="domains-suggested",
    ),
    path(
        "learning/domains/<int:domain_id>/edit/",
        story_views.DomainEditView.as_view(),
        name="domain-edit",
    ),
    path(
        "learning/domains/<int:domain_id>/delete/",
        story_views.DomainDeleteView.as_view(),
        name="domain-delete",
    ),
    # Selection rounds
    path("learning/rounds/", round_views.RoundListView.as_view(), name="rounds"),
    path("learning/rounds/new/", round_views.RoundCreateView.as_view(), name="round-create"),
    path("learning/rounds/<int:round_id>/", round_views.RoundDetailView.as_view(), name="round"),
    path(
        "learning/rounds/<int:round_id>/edit/",
        round_views.RoundEditView.as_view(),
        name="round-edit",
    ),
    path(
        "learning/rounds/<int:round_id>/choose/",
        round_views.RoundChooseView.as_view(),
        name="round-choose",
    ),
    path(
        "learning/rounds/<int:round_id>/choices/<int:selection_id>/take-back/",
        round_views.SelectionRemoveView.as_view(),
        name="selection-remove",
    ),
    path(
        "learning/rounds/<int:round_id>/close/",
        round_views.RoundCloseView.as_view(),
        name="round-close",
    ),
]
