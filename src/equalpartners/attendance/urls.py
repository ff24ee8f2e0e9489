from django.urls import path  # noqa: F401

app_name = "attendance"

urlpatterns: list[object] = []
