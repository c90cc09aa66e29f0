"""What the full-text index holds, on either backend: the searched columns of each record kind."""

# table → (kind number, searched columns, a child table whose text belongs to the record's entry:
# (table, the column pointing at the record, its text column)). The columns are those each
# module's filter box promises (its SEARCH); a change here needs a migration step.
SPEC = {
    "activity": (1, ("title", "place", "host", "recorder", "speaker", "agenda", "content", "decisions",
                     "guests", "tags"), None),
    "study_session": (2, ("topic", "materials", "lead_speaker", "place", "notes"),
                      ("reflection", "session_id", "text")),
    "outreach_event": (3, ("title", "series", "place", "region", "co_organisers", "description", "outcomes"),
                       None),
    "member": (4, ("name", "phone", "workplace", "job_title", "party_post", "ethnicity", "came_from",
                "left_to", "notes"), None),
    "organisation": (5, ("name", "credit_code", "legal_rep", "instructor", "contact_person", "address",
                         "notes"), None),
    "applicant": (6, ("name", "workplace", "post", "phone", "notes"), None),
    "party_org": (7, ("name", "notes"), None),
}
