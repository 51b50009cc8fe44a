from django.conf import settings


def site(request):
    return {
        "SITE_NAME": "Deffinov Normandie",
        "ENVIRONMENT": settings.ENVIRONMENT,
        "SITE_LOGO": settings.SITE_LOGO,
        "SITE_LOGO_ALT": settings.SITE_LOGO_ALT,
    }
