"""Every table of the store, in the order they can be created."""
from models.records.schema.activities import Activity
from models.records.schema.coverage import InstructorTerm, PartyOrg, PartyOrgLink
from models.records.schema.development import Applicant, DevelopmentPerson, DevelopmentStep
from models.records.schema.dues import DuesBase, DuesPayment
from models.records.schema.history import ArchivedPeriod, AuditEntry
from models.records.schema.outreach import OutreachEvent, Participation, SectionText
from models.records.schema.parts import Attachment, Attendance, Figure
from models.records.schema.registry import Indicator, Member, Organisation, ReportSection, Setting
from models.records.schema.study import PlanTopic, Reflection, StudyGroup, StudyGroupMember, StudyPlan, StudySession

ALL_TABLES = [
    Setting, ReportSection, Indicator, Member, Organisation,
    Activity, StudyGroup, StudyGroupMember, StudyPlan, PlanTopic, StudySession,
    OutreachEvent, Participation, Attendance, Reflection, Figure, Attachment, SectionText,
    AuditEntry, ArchivedPeriod, DuesBase, DuesPayment, Applicant, DevelopmentStep, DevelopmentPerson,
    PartyOrg, PartyOrgLink, InstructorTerm,
]

__all__ = [m.__name__ for m in ALL_TABLES] + ["ALL_TABLES"]
