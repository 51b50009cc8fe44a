from allauth.mfa.models import Authenticator
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.forms.renderers import DjangoTemplates
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from deffinov.accounts import second_factor
from deffinov.accounts.models import User


class UserCreationForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ["email"]


class UserEditForm(UserChangeForm):
    # Django's own template engine for the admin's password widget: it relies on a variable it never sets
    # (password_url), which the site's engine refuses under test.
    default_renderer = DjangoTemplates

    class Meta:
        model = User
        fields = "__all__"


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    """People are identified by their email address: there is no user name."""

    form = UserEditForm
    add_form = UserCreationForm
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Identité"), {"fields": ["first_name", "last_name", "phone", "job_title"]}),
        (
            _("Droits"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "usable_password", "password1", "password2"]}),
    ]
    list_display = ["email", "first_name", "last_name", "roles", "is_staff", "is_active", "date_joined"]
    list_filter = ["is_staff", "is_superuser", "is_active", "groups"]
    search_fields = ["email", "first_name", "last_name"]
    ordering = ["email"]
    readonly_fields = ["last_login", "date_joined"]
    actions = ["reset_second_factor"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    @admin.display(description=_("rôles"))
    def roles(self, user):
        return ", ".join(sorted(group.name for group in user.groups.all())) or "–"

    @admin.action(description=_("Réinitialiser l'authentification à deux facteurs (appareil perdu)"))
    def reset_second_factor(self, request, queryset):
        """Only a platform administrator; each reset goes to the audit trail."""
        if not request.user.is_superuser:
            self.message_user(request, _("Seul un administrateur de la plateforme peut le faire."), messages.ERROR)
            return
        for user in queryset:
            second_factor.reset_second_factor(user, by=request.user)
        count = queryset.count()
        self.message_user(
            request,
            ngettext(
                "Authentification à deux facteurs réinitialisée pour %(count)d compte : il en activera une nouvelle "
                "à sa prochaine page de la Région.",
                "Authentification à deux facteurs réinitialisée pour %(count)d comptes : chacun en activera une "
                "nouvelle à sa prochaine page de la Région.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not request.user.is_superuser:
            actions.pop("reset_second_factor", None)
        return actions


# allauth's own admin of authenticators shows their secrets and deletes them without a trace: here they are only
# listed, and a lost device is reset through the audited action of the user list.
admin.site.unregister(Authenticator)


@admin.register(Authenticator)
class AuthenticatorAdmin(admin.ModelAdmin):
    list_display = ["user", "type", "created_at", "last_used_at"]
    list_filter = ["type"]
    search_fields = ["user__email"]
    fields = ["user", "type", "created_at", "last_used_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
