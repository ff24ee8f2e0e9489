from django.urls import path

from equalpartners.attendance import agenda_views, checkin_views, views
from equalpartners.attendance.import_urls import import_patterns

app_name = "attendance"

A = "activities/<int:activity_id>/"
R = A + "registration/"

urlpatterns = [
    path(R, views.RegistrationListView.as_view(), name="list"),
    path(R + "settings/", views.SetupView.as_view(), name="setup"),
    path(R + "new-link/", views.NewLinkView.as_view(), name="new-link"),
    path(R + "add/", views.OrganiserAddView.as_view(), name="add"),
    path(R + "questions/new/", views.QuestionFormView.as_view(), name="question-create"),
    path(R + "questions/<int:question_id>/", views.QuestionFormView.as_view(), name="question"),
    path(
        R + "questions/<int:question_id>/delete/",
        views.QuestionDeleteView.as_view(),
        name="question-delete",
    ),
    path(R + "<int:registration_id>/", views.RegistrationDetailView.as_view(), name="detail"),
    path(R + "<int:registration_id>/cancel/", views.CancelView.as_view(), name="cancel"),
    path(R + "registrations.csv", views.RegistrationsCsvView.as_view(), name="csv"),
    path(R + "registrations.xlsx", views.RegistrationsXlsxView.as_view(), name="xlsx"),
    path(A + "register/", views.MemberRegisterView.as_view(), name="register"),
    path(A + "register/cancel/", views.MemberCancelView.as_view(), name="register-cancel"),
    path(A + "participants/", views.ParticipantsView.as_view(), name="participants"),
    path(A + "calendar.ics", views.ActivityCalendarView.as_view(), name="calendar"),
    path(A + "check-in/", checkin_views.CheckInView.as_view(), name="check-in"),
    path(A + "check-in/walk-in/", checkin_views.WalkInView.as_view(), name="walk-in"),
    path(
        A + "check-in/<int:registration_id>/",
        checkin_views.CheckInPersonView.as_view(),
        name="check-in-person",
    ),
    path(
        A + "check-in/<int:registration_id>/undo/",
        checkin_views.UndoCheckInView.as_view(),
        name="check-in-undo",
    ),
    path(A + "agenda/", agenda_views.AgendaView.as_view(), name="agenda"),
    path(A + "agenda/<int:session_id>/", agenda_views.AgendaView.as_view(), name="session"),
    path(
        A + "agenda/<int:session_id>/delete/",
        agenda_views.SessionDeleteView.as_view(),
        name="session-delete",
    ),
    *import_patterns,
]
