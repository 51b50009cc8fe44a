from django.apps import AppConfig


class InstructionConfig(AppConfig):
    name = "deffinov.instruction"
    verbose_name = "Instruction des dossiers"
