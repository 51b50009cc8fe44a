"""Forms of a funded project: the signed convention, the countersignature, a transition, an amendment."""

from decimal import Decimal

from django import forms

from deffinov.applications.forms.fields import BoundedDateField, EurosField, PercentField

HUNDRED = Decimal(100)


class SignedConventionForm(forms.Form):
    file = forms.FileField(
        label="Convention signée (PDF)",
        help_text="La convention téléchargée ici, signée par la personne habilitée de votre structure.",
        error_messages={"required": "Choisissez le fichier de la convention signée.", "empty": "Ce fichier est vide."},
    )


class CountersignForm(forms.Form):
    convention_date = BoundedDateField(
        label="Date de la contre-signature",
        help_text="C'est la date de la convention.",
        error_messages={"required": "Indiquez la date de la contre-signature."},
    )
    confirm = forms.BooleanField(
        label="Je confirme contre-signer la convention au nom de la Région.",
        error_messages={"required": "Cochez la case pour confirmer la contre-signature."},
    )


class TransitionForm(forms.Form):
    """One action of the project's workflow, confirmed; the termination needs its motivation."""

    motivation = forms.CharField(label="Motif", widget=forms.Textarea(attrs={"rows": 3}), required=False)
    confirm = forms.BooleanField(
        label="Je confirme cette action.",
        error_messages={"required": "Cochez la case pour confirmer."},
    )

    def __init__(self, *args, transition=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.transition = transition
        if transition is not None:
            self.fields["confirm"].label = f"Je confirme : {transition.label.lower()}."
            if transition.name.startswith("terminate"):
                self.fields["motivation"].required = True
                self.fields["motivation"].label = "Motif de la résiliation"
                self.fields["motivation"].error_messages["required"] = "Indiquez le motif de la résiliation."


class AmendmentForm(forms.Form):
    signed_on = BoundedDateField(
        label="Date de l'avenant", error_messages={"required": "Indiquez la date de l'avenant."}
    )
    motivation = forms.CharField(
        label="Motif",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Indiquez le motif de l'avenant."},
    )
    amount = EurosField(label="Montant accordé (€)", error_messages={"required": "Indiquez le montant accordé."})
    ends_on = BoundedDateField(label="Fin du projet", error_messages={"required": "Indiquez la date de fin."})

    def __init__(self, *args, project, participations, **kwargs):
        super().__init__(*args, **kwargs)
        self.project = project
        self.participations = participations
        self.initial.setdefault("amount", project.amount_granted)
        self.initial.setdefault("ends_on", project.ends_on)
        for participation in participations:
            name = f"share_{participation.pk}"
            self.fields[name] = PercentField(
                label=f"{participation.organisation.name} (%)",
                error_messages={"required": f"Indiquez la part de {participation.organisation.name}."},
            )
            self.initial.setdefault(name, (participation.grant_share * HUNDRED).normalize())

    def share_fields(self):
        return [self[f"share_{p.pk}"] for p in self.participations]

    def shares(self):
        """Participation id → fraction of the grant, from the percentages typed."""
        return {p.pk: self.cleaned_data[f"share_{p.pk}"] / HUNDRED for p in self.participations}
