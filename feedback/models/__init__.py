from feedback.models.exports import Export, ExportFormat, ExportKind, ExportStatus
from feedback.models.figures import MonthlyFigures
from feedback.models.surveys import (
    FACTORS,
    QUESTIONS,
    ReminderStatus,
    Survey,
    SurveyOptOut,
    SurveyReminder,
    SurveyResponse,
)

__all__ = [
    "FACTORS",
    "QUESTIONS",
    "Export",
    "ExportFormat",
    "ExportKind",
    "ExportStatus",
    "MonthlyFigures",
    "ReminderStatus",
    "Survey",
    "SurveyOptOut",
    "SurveyReminder",
    "SurveyResponse",
]
