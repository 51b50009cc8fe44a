from deffinov.applications.models.application import EDITABLE_STATES, Application, ApplicationTransition, Public, State
from deffinov.applications.models.budget import ExpenseLine, ResourceLine
from deffinov.applications.models.consortium import CriterionDeclaration, Participation, PartnerInvitation
from deffinov.applications.models.documents import BANK_DETAILS, Document, Receipt, ReminderSent
from deffinov.applications.models.questions import ExtraAnswer, ExtraQuestion, QuestionKind
from deffinov.applications.models.statement import SwornStatement

__all__ = [
    "BANK_DETAILS",
    "EDITABLE_STATES",
    "Application",
    "ApplicationTransition",
    "CriterionDeclaration",
    "Document",
    "ExpenseLine",
    "ExtraAnswer",
    "ExtraQuestion",
    "Participation",
    "PartnerInvitation",
    "Public",
    "QuestionKind",
    "Receipt",
    "ReminderSent",
    "ResourceLine",
    "State",
    "SwornStatement",
]
