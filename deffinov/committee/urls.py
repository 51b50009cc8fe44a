from django.urls import path

from deffinov.committee.views import decide, documents, exports, sessions, validation

app_name = "committee"

SESSION = "seances/<int:pk>/"

urlpatterns = [
    path("", sessions.index, name="index"),
    path(SESSION, sessions.session, name="session"),
    path(f"{SESSION}membres/", sessions.add_member, name="add_member"),
    path(f"{SESSION}ordre-du-jour/", sessions.add_to_agenda, name="add_to_agenda"),
    path(f"{SESSION}ordre-du-jour/<int:item_pk>/retirer/", sessions.remove_from_agenda, name="remove_from_agenda"),
    path(f"{SESSION}ordre-du-jour/<int:item_pk>/montant/", sessions.set_proposed_amount, name="proposed_amount"),
    path(f"{SESSION}tenue/", validation.hold, name="hold"),
    path(f"{SESSION}validation/", validation.validate, name="validate"),
    path(f"{SESSION}dossiers/<str:number>/decision/", decide.decide, name="decide"),
    path(f"{SESSION}dossiers/<str:number>/decision/annuler/", decide.cancel, name="cancel_decision"),
    path(f"{SESSION}proces-verbal.pdf", documents.minutes, name="minutes"),
    path("vagues/<slug:slug>/export.<str:fmt>", exports.export, name="export"),
    path("dossiers/<str:number>.pdf", documents.dossier_pdf, name="dossier_pdf"),
    path("dossiers/<str:number>/pieces.zip", documents.dossier_zip, name="dossier_zip"),
    path("dossiers/<str:number>/lettre-de-decision.pdf", documents.letter, name="letter"),
]
