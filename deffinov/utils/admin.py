"""French permission names in the admin: Django stores them in English (« Can add … ») when it creates them."""

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin
from django.contrib.auth.models import Group, Permission

ACTIONS = {"add": "ajouter", "change": "modifier", "delete": "supprimer", "view": "consulter"}


def permission_label(permission):
    """« Appels à projets | vague | modifier » for Django's own permissions; a custom one keeps its own name."""
    model = permission.content_type.model_class()
    action, _, model_name = permission.codename.partition("_")
    if model is None or action not in ACTIONS or model_name != model._meta.model_name:
        return str(permission)
    return f"{model._meta.app_config.verbose_name} | {model._meta.verbose_name} | {ACTIONS[action]}"


class FrenchPermissionField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return permission_label(obj)


class FrenchPermissionsMixin:
    def formfield_for_manytomany(self, db_field, request=None, **kwargs):
        if db_field.related_model is Permission:
            kwargs["form_class"] = FrenchPermissionField
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class FrenchGroupAdmin(FrenchPermissionsMixin, GroupAdmin):
    pass


admin.site.unregister(Group)
admin.site.register(Group, FrenchGroupAdmin)
