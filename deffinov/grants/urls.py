from django.urls import path

from deffinov.grants.views import amendments, convention, projects

app_name = "grants"

PROJECT = "<str:number>/"

urlpatterns = [
    path("", projects.index, name="index"),
    path(PROJECT, projects.detail, name="detail"),
    path(f"{PROJECT}actions/<slug:name>/", projects.act, name="act"),
    path(f"{PROJECT}convention.pdf", convention.current, name="convention"),
    path(f"{PROJECT}convention/versions/<int:pk>.pdf", convention.version, name="convention_version"),
    path(f"{PROJECT}convention/signee/", convention.upload_signed, name="upload_signed"),
    path(f"{PROJECT}convention/contre-signature/", convention.countersign, name="countersign"),
    path(f"{PROJECT}avenants/nouveau/", amendments.new, name="new_amendment"),
    path(f"{PROJECT}avenants/<int:amendment_number>.pdf", amendments.pdf, name="amendment_pdf"),
]
