import factory
from allauth.account.models import EmailAddress

from deffinov.accounts.models import User

PASSWORD = "tiers-lieu-Vire-2024"


class UserFactory(factory.django.DjangoModelFactory):
    """A person whose email address is confirmed, able to log in with PASSWORD."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"personne{n}@example.fr")
    first_name = "Dominique"
    last_name = "Martin"
    password = factory.django.Password(PASSWORD)

    class Params:
        staff = factory.Trait(is_staff=True)

    @factory.post_generation
    def verified_email(user, create, extracted, **kwargs):
        if create and extracted is not False:
            EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
