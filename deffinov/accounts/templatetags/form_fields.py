from django import template

register = template.Library()


@register.filter
def described_widget(bound_field):
    """The field's widget, linked by aria-describedby to its help text and its errors."""
    described_by = []
    if bound_field.help_text:
        described_by.append(f"{bound_field.auto_id}_helptext")
    if bound_field.errors:
        described_by.append(f"{bound_field.auto_id}_errors")
    # The label is always visible: a placeholder repeating it would only add noise.
    attrs = {"placeholder": False}
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    return bound_field.as_widget(attrs=attrs)
