from django.templatetags.static import static
from django.urls import path
from django.utils.functional import lazy
from django.views.generic import RedirectView

from deffinov.www import views

app_name = "www"
urlpatterns = [
    path("", views.home, name="home"),
    path("accessibilite/", views.accessibility, name="accessibility"),
    path("mentions-legales/", views.legal, name="legal"),
    # Browsers and feed readers ask for /favicon.ico whatever the page says.
    path(
        "favicon.ico", RedirectView.as_view(url=lazy(static, str)("img/favicon.ico"), permanent=False), name="favicon"
    ),
]
