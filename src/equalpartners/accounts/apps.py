from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "equalpartners.accounts"
    label = "accounts"
    verbose_name = "Accounts"
