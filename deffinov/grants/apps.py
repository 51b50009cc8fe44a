from django.apps import AppConfig


class GrantsConfig(AppConfig):
    name = "deffinov.grants"
    verbose_name = "Projets financés"

    def ready(self):
        from deffinov.grants import signals  # noqa: F401 (connects the receivers)
        from deffinov.grants.convention import keep_countersigned, require_signed_copy
        from deffinov.grants.notifications import on_countersigned
        from deffinov.grants.workflow import register

        # The Region countersigns only the copy the lead signed; the countersigned convention is kept, the collectif
        # told.
        register("countersign", guard=require_signed_copy, after=keep_countersigned)
        register("countersign", after=on_countersigned)
