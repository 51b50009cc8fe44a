from decimal import Decimal

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet

from deffinov.accounts.roles import is_functional_admin
from deffinov.calls.forms import PercentRateField
from deffinov.formatting import percent
from deffinov.payments.models import CallSchedule, PaymentStep, Tranche


@admin.register(Tranche)
class TrancheAdmin(admin.ModelAdmin):
    """Read-only: tranches move through their workflow, never by hand."""

    list_display = ["__str__", "amount", "percentage", "condition", "state"]
    list_filter = ["state", "condition"]
    search_fields = ["project__application__number"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class StepPercentField(PercentRateField):
    """A step's share typed as a percentage (« 50 », « 33,33 »), stored as a fraction."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.max_digits, self.decimal_places = 5, 2
        self.validators = [v for v in self.validators if not hasattr(v, "decimal_places")]
        self.error_messages["max_decimal_places"] = (
            "Indiquez le pourcentage avec au plus deux décimales, par exemple 33,33."
        )


class PaymentStepFormSet(BaseInlineFormSet):
    """The schedule adds up to 100 %, has one balance step, and each position once."""

    def get_unique_error_message(self, unique_check):
        return "Deux étapes ont le même ordre : donnez à chacune un ordre différent."

    def clean(self):
        super().clean()
        steps = [
            form.cleaned_data
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE") and not form.errors
        ]
        if any(form.errors for form in self.forms):
            return
        if not steps:
            raise ValidationError("L'échéancier doit compter au moins une étape, dont le solde.")
        positions = [step["position"] for step in steps]
        if len(set(positions)) != len(positions):
            raise ValidationError("Deux étapes ont le même ordre : donnez à chacune un ordre différent.")
        balances = [step for step in steps if step.get("is_balance")]
        if len(balances) != 1:
            raise ValidationError(
                "L'échéancier compte exactement une étape de solde (il en a %(n)s).", params={"n": len(balances)}
            )
        if max(positions) != balances[0]["position"]:
            raise ValidationError("Le solde est la dernière étape de l'échéancier.")
        total = sum((step["percentage"] for step in steps), Decimal(0))
        if total != 1:
            raise ValidationError(
                "Les parts des étapes, solde compris, totalisent %(total)s : elles doivent faire 100 %%.",
                params={"total": percent(total)},
            )


class FunctionalAdminOnly:
    """Functional administrators (and the platform's superusers) edit schedules; the roles' groups need no
    Django permission for it."""

    def allowed(self, request):
        return request.user.is_active and (request.user.is_superuser or is_functional_admin(request.user))

    def has_module_permission(self, request):
        return self.allowed(request)

    def has_view_permission(self, request, obj=None):
        return self.allowed(request)

    def has_change_permission(self, request, obj=None):
        return self.allowed(request)


class PaymentStepInline(FunctionalAdminOnly, admin.TabularInline):
    model = PaymentStep
    formset = PaymentStepFormSet
    extra = 0
    fields = ["position", "label", "percentage", "condition", "is_balance"]

    def has_add_permission(self, request, obj=None):
        return self.allowed(request)

    def has_delete_permission(self, request, obj=None):
        return self.allowed(request)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "percentage":
            kwargs.update(form_class=StepPercentField, help_text="En pourcentage de la subvention, par exemple 50.")
        return super().formfield_for_dbfield(db_field, request, **kwargs)


@admin.register(CallSchedule)
class CallScheduleAdmin(FunctionalAdminOnly, admin.ModelAdmin):
    """A functional administrator edits each call's payment schedule; projects already open keep theirs."""

    list_display = ["short_title", "slug"]
    list_filter = ["is_published"]
    search_fields = ["title", "short_title"]
    fields = ["title"]
    readonly_fields = ["title"]
    inlines = [PaymentStepInline]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
