from django.forms import BoundField as DjangoBoundField
from django.forms.renderers import TemplatesSetting


class BoundField(DjangoBoundField):
    def build_widget_attrs(self, attrs, widget=None):
        # Every field shows its label: a placeholder repeating it (allauth's forms set some) would only add noise.
        return {"placeholder": False, **super().build_widget_attrs(attrs, widget)}


class FormRenderer(TemplatesSetting):
    """Every form and field of the site renders with templates/forms/: `{{ form }}`, `{{ form.x.as_field_group }}`.

    Django links each widget to its help text (`<id>_helptext`) and its errors (`<id>_error`) by aria-describedby,
    and marks it aria-invalid on error; a field with a template of its own sets `template_name` on the form field.
    """

    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"
    bound_field_class = BoundField
