from django.apps import AppConfig, apps


class UtilsConfig(AppConfig):
    name = "deffinov.utils"
    verbose_name = "Outils"

    def ready(self):
        # django_tasks_db names its app in English and untranslated (« Tasks Database Backend »); its models and
        # fields are translated by locale/fr.
        apps.get_app_config("django_tasks_database").verbose_name = "Tâches de fond"
