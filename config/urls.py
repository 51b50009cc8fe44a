from django.contrib import admin
from django.urls import include, path, re_path

from deffinov.accounts.views import admin_login
from deffinov.api.routes import api, api_not_found
from deffinov.utils.views import healthz, ping

admin.site.site_header = "Deffinov – administration"
admin.site.site_title = "Deffinov"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("ping", ping, name="ping"),
    path("api/v1/", api.urls),
    re_path(r"^api/", api_not_found),
    # Before the admin's own: its login goes through the site's (lockout, second factor).
    path("admin/login/", admin_login, name="admin_login"),
    path("admin/", admin.site.urls),
    path("comptes/", include("allauth.urls")),
    path("mon-espace/jetons-api/", include("deffinov.api.urls")),
    path("", include("deffinov.accounts.urls")),
    path("structures/", include("deffinov.organisations.urls")),
    path("territoires/", include("deffinov.territories.urls")),
    path("appels/", include("deffinov.calls.urls")),
    path("eligibilite/", include("deffinov.eligibility.urls")),
    path("dossiers/", include("deffinov.applications.urls")),
    path("instruction/", include("deffinov.instruction.urls")),
    path("expertise/", include("deffinov.reviews.urls")),
    path("comite/", include("deffinov.committee.urls")),
    path("projets/", include("deffinov.grants.urls")),
    path("projets/<str:number>/versements/", include("deffinov.payments.urls")),
    path("versements/", include("deffinov.payments.queue_urls")),
    path("", include("deffinov.reports.urls")),  # /projets/<number>/bilans/… and the Region's /suivi/bilans-en-retard/
    path("", include("deffinov.dashboards.urls")),
    path("lieux/", include("deffinov.network.urls")),
    path("reservations/", include("deffinov.bookings.urls")),
    path("prets/", include("deffinov.loans.urls")),
    path("partenaires/", include("deffinov.matchmaking.urls")),
    path("donnees-ouvertes/", include("deffinov.opendata.urls")),
    path("", include("deffinov.www.urls")),
]

handler400 = "deffinov.www.errors.bad_request"
handler403 = "deffinov.www.errors.permission_denied"
handler404 = "deffinov.www.errors.page_not_found"
handler500 = "deffinov.www.errors.server_error"
