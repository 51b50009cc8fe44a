from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "deffinov.organisations"
    verbose_name = "Structures"

    def ready(self):
        from allauth.account.signals import user_signed_up

        from deffinov.organisations.addressees import confirm_vouched_address

        user_signed_up.connect(confirm_vouched_address, dispatch_uid="organisations.confirm_vouched_address")
