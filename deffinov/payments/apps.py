from django.apps import AppConfig


class PaymentsConfig(AppConfig):
    name = "deffinov.payments"
    verbose_name = "Versements"

    def ready(self):
        from deffinov.grants.workflow import register
        from deffinov.payments.models import Condition
        from deffinov.payments.recoveries import on_terminate
        from deffinov.payments.schedule import unlock

        # The advance becomes requestable the day the Region countersigns the convention.
        register(
            "countersign", after=lambda project, by, at, **given: unlock(project, Condition.CONVENTION_SIGNED, by, at)
        )
        # A terminated convention: unpaid tranches are cancelled and what was overpaid is recovered.
        register("terminate", after=on_terminate)
