"""Records in and out in bulk: .xlsx imports, data packages between PCs, matching names, demo data."""
