from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate


def _ensure_role_groups(sender, **kwargs):
    # Once per migrate, after the last app: every app's permissions exist by then.
    last = [config for config in apps.get_app_configs() if config.models_module is not None][-1]
    if sender.label == last.label:
        from deffinov.accounts.roles import ensure_role_groups  # the auth models are not loaded at import time

        ensure_role_groups()


class AccountsConfig(AppConfig):
    name = "deffinov.accounts"
    verbose_name = "Comptes personnels"

    def ready(self):
        from deffinov.accounts import checks  # noqa: F401 - registers the deployment checks

        # After every migrate (and every flush of a test database): the role groups and their permissions.
        post_migrate.connect(_ensure_role_groups, dispatch_uid="deffinov.accounts.role_groups")
