from django.urls import path

from deffinov.instruction.views import documents, dossier, my_dossiers, notes, team, thread, transitions, waves

app_name = "instruction"

DOSSIER = "dossiers/<str:number>/"

urlpatterns = [
    path("", waves.index, name="index"),
    path("vagues/<slug:slug>/", waves.workspace, name="workspace"),
    path("mes-dossiers/", my_dossiers.my_dossiers, name="my_dossiers"),
    path(DOSSIER, dossier.dossier, name="dossier"),
    path(f"{DOSSIER}pieces/<int:pk>/apercu/", documents.preview, name="document_preview"),
    path(f"{DOSSIER}pieces/<int:pk>/telecharger/", documents.download, name="document_download"),
    path(f"{DOSSIER}instruire/", transitions.start_review, name="start_review"),
    path(f"{DOSSIER}correction/", transitions.request_correction, name="request_correction"),
    path(f"{DOSSIER}classer-sans-suite/", transitions.dismiss, name="dismiss"),
    path(f"{DOSSIER}rouvrir/", transitions.reopen, name="reopen"),
    path(f"{DOSSIER}attributions/", team.assign, name="assign"),
    path(f"{DOSSIER}attributions/<int:pk>/retirer/", team.unassign, name="unassign"),
    path(f"{DOSSIER}etiquettes/", notes.set_labels, name="labels"),
    path(f"{DOSSIER}etiquettes/nouvelle/", notes.new_label, name="new_label"),
    path(f"{DOSSIER}annotations/", notes.annotate, name="annotate"),
    # Shared with the consortium.
    path(f"{DOSSIER}messages/", thread.message_thread, name="messages"),
    path(f"{DOSSIER}messages/pieces/<int:pk>/", thread.attachment, name="attachment"),
    path(f"{DOSSIER}renvoyer/", thread.resubmit, name="resubmit"),
]
