"""Every table of the store, in the order they can be created."""
from models.schema.registry import Indicator, Member, Organisation, ReportSection, Setting
from models.schema.activities import Activity
from models.schema.study import PlanTopic, Reflection, StudyGroup, StudyGroupMember, StudyPlan, StudySession
from models.schema.outreach import OutreachEvent, Participation, SectionText
from models.schema.parts import Attachment, Attendance, Figure
from models.schema.history import ArchivedPeriod, AuditEntry

ALL_TABLES = [
    Setting, ReportSection, Indicator, Member, Organisation,
    Activity, StudyGroup, StudyGroupMember, StudyPlan, PlanTopic, StudySession,
    OutreachEvent, Participation, Attendance, Reflection, Figure, Attachment, SectionText,
    AuditEntry, ArchivedPeriod,
]

__all__ = [m.__name__ for m in ALL_TABLES] + ["ALL_TABLES"]
