from django.urls import path

from deffinov.applications.views import (
    budget,
    consortium,
    correction,
    documents,
    dossier,
    listing,
    questions,
    submission,
    summary,
    timeline,
)
from deffinov.applications.views import messages as thread

app_name = "applications"
urlpatterns = [
    path("", listing.application_list, name="list"),
    path("nouveau/", listing.create, name="create"),
    path("invitations/<int:pk>/repondre/", listing.answer, name="answer"),
    path("invitation/<str:token>/", listing.partner_invitation, name="partner_invitation"),
    path("<slug:number>/", dossier.detail, name="detail"),
    path("<slug:number>/sections/<slug:key>/", dossier.save_section, name="section"),
    path("<slug:number>/eligibilite/", dossier.eligibility, name="eligibility"),
    path("<slug:number>/consortium/", consortium.consortium_page, name="consortium"),
    path("<slug:number>/consortium/inviter/", consortium.invite, name="invite"),
    path("<slug:number>/consortium/inviter-par-courriel/", consortium.invite_by_email, name="invite_by_email"),
    path("<slug:number>/consortium/chef-de-file/", consortium.transfer_lead, name="transfer_lead"),
    path("<slug:number>/consortium/<int:pk>/retirer/", consortium.remove_member, name="remove_member"),
    path("<slug:number>/budget/depenses/", budget.add_expense, name="add_expense"),
    path("<slug:number>/budget/ressources/", budget.add_resource, name="add_resource"),
    path("<slug:number>/budget/annuler-suppression/", budget.undo_delete, name="undo_delete_line"),
    path("<slug:number>/budget/<slug:kind>/<int:pk>/supprimer/", budget.delete_line, name="delete_line"),
    path("<slug:number>/budget/<slug:kind>/<int:pk>/modifier/", budget.edit_line, name="edit_line"),
    path("<slug:number>/documents/<int:participation_pk>/deposer/", documents.upload, name="upload"),
    path("<slug:number>/documents/<int:pk>/", documents.download, name="document"),
    path("<slug:number>/documents/<int:pk>/supprimer/", documents.delete, name="delete_document"),
    path("<slug:number>/questions/<int:pk>/fichier/", questions.answer_file, name="question_file"),
    path("<slug:number>/recapitulatif/", submission.recap, name="recap"),
    path("<slug:number>/deposer/", submission.submit, name="submit"),
    path("<slug:number>/retirer/", submission.withdraw, name="withdraw"),
    path("<slug:number>/accuse-de-reception.pdf", submission.receipt, name="receipt"),
    # The correction loop and the dossier's tabs.
    path("<slug:number>/renvoyer/", correction.resubmit, name="resubmit"),
    path("<slug:number>/messages/", thread.thread_page, name="messages"),
    path("<slug:number>/messages/pieces/<int:pk>/", thread.attachment, name="message_attachment"),
    path("<slug:number>/historique/", timeline.timeline_page, name="timeline"),
    path("<slug:number>/dossier.pdf", summary.dossier_pdf, name="dossier_pdf"),
]
