from django.contrib import admin

from deffinov.network.models import Place


@admin.register(Place)
class PlaceAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "commune", "published", "updated_at"]
    list_filter = ["published"]
    search_fields = ["name", "identifier", "organisation__name", "organisation__siret"]
    raw_id_fields = ["organisation", "commune"]
