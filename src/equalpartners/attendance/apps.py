from django.apps import AppConfig


class AttendanceConfig(AppConfig):
    name = "equalpartners.attendance"
    label = "attendance"
    verbose_name = "Registration and attendance"
