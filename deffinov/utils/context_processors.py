from django.conf import settings


def site(request):
    return {"SITE_NAME": "Deffinov Normandie", "ENVIRONMENT": settings.ENVIRONMENT}
