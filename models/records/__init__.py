"""The domain: members, activities, study groups, outreach events, organisations and their rules (no SQLite here)."""
