from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from deffinov.organisations.forms import OrganisationForm
from deffinov.organisations.models import SiretAlreadyRegisteredError


@login_required
def register(request):
    """Any signed-in person may register a structure; they become its first administrator."""
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        organisation = form.save(commit=False)
        try:
            organisation.register(creator=request.user)
        except SiretAlreadyRegisteredError as error:
            # Two submissions at once: the database refused the second one.
            form.registered_organisation = error.organisation
            form.add_error("siret", error.message)
        else:
            messages.success(
                request,
                _("La structure %(name)s est inscrite : vous en êtes administrateur.") % {"name": organisation.name},
            )
            if not organisation.identity_verified:
                messages.warning(
                    request,
                    _(
                        "Le répertoire SIRENE n'a pas pu être consulté : l'identité saisie est marquée "
                        "« non vérifiée » pour la Région."
                    ),
                )
            return redirect(organisation)
    return render(request, "organisations/register.html", {"form": form})
