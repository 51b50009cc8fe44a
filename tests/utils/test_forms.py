"""Every form field of the site renders with templates/forms/field.html."""

from django import forms


class ExampleForm(forms.Form):
    name = forms.CharField(label="Nom du lieu", help_text="Tel qu'affiché à l'entrée.")
    kinds = forms.MultipleChoiceField(
        label="Activités",
        choices=[("fablab", "Fablab"), ("coworking", "Coworking")],
        widget=forms.CheckboxSelectMultiple,
        help_text="Cochez tout ce qui s'applique.",
    )
    agreed = forms.BooleanField(label="J'accepte les conditions")
    note = forms.CharField(label="Note", required=False, widget=forms.TextInput(attrs={"placeholder": "Note"}))


def test_a_field_has_its_label_its_required_mark_and_its_help_linked_to_the_input():
    html = str(ExampleForm()["name"].as_field_group())

    assert '<label for="id_name">Nom du lieu <span class="required">(obligatoire)</span></label>' in html
    assert '<div class="help" id="id_name_helptext">' in html
    assert 'aria-describedby="id_name_helptext"' in html


def test_an_optional_field_has_no_required_mark_and_no_placeholder():
    html = str(ExampleForm()["note"].as_field_group())

    assert '<label for="id_note">Note</label>' in html
    assert "placeholder" not in html


def test_errors_are_shown_on_the_field_and_linked_to_the_input():
    form = ExampleForm({"name": "", "kinds": ["fablab"], "agreed": "on"})

    html = str(form["name"].as_field_group())

    assert 'class="field field--name field--error"' in html
    assert '<ul class="errorlist" id="id_name_error"><li>Ce champ est obligatoire.</li></ul>' in html
    assert 'aria-invalid="true" aria-describedby="id_name_helptext id_name_error"' in html


def test_a_group_of_checkboxes_is_a_fieldset_with_a_legend_and_a_list():
    form = ExampleForm({"name": "Le Bocage", "agreed": "on"})

    html = str(form["kinds"].as_field_group())

    assert '<fieldset aria-describedby="id_kinds_helptext id_kinds_error">' in html
    assert '<legend>Activités <span class="required">(obligatoire)</span></legend>' in html
    assert '<ul class="checkbox-list">' in html
    assert '<label for="id_kinds_1">Coworking</label>' in html


def test_a_single_checkbox_comes_before_its_label():
    html = str(ExampleForm()["agreed"].as_field_group())

    assert html.index('type="checkbox"') < html.index('<label for="id_agreed">')
    assert 'class="field field--agreed checkbox"' in html


def test_a_form_shows_its_errors_that_belong_to_no_field():
    form = ExampleForm({"name": "Le Bocage", "kinds": ["fablab"], "agreed": "on"})
    form.is_valid()
    form.add_error(None, "Ce lieu est déjà inscrit.")

    html = str(form)

    assert '<div class="notice notice--error" role="alert">' in html
    assert "Ce lieu est déjà inscrit." in html
    assert html.count('class="field ') == 4
