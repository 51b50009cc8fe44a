from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _

from deffinov.accounts.roles import GROUP_NAMES, Role, has_region_role


class UserManager(DjangoUserManager):
    """Users are identified by their email address: there is no user name."""

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError(_("Une adresse électronique est obligatoire."))
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def with_role(self, role):
        """Active people holding a role (see deffinov.accounts.roles)."""
        return self.filter(is_active=True, groups__name=GROUP_NAMES[Role(role)]).distinct()

    def create_user(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    username = None
    email = models.EmailField(_("adresse électronique"), unique=True)
    phone = models.CharField(_("téléphone"), max_length=30, blank=True)
    job_title = models.CharField(_("fonction"), max_length=150, blank=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = _("utilisateur")
        ordering = ["email"]

    def __str__(self):
        return self.get_full_name() or self.email

    @property
    def is_region_agent(self):
        """An agent of the Region (instructor, committee member, functional admin, finance officer)."""
        return has_region_role(self)
