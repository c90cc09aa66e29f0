"""Everything that writes or reads files for people and other PCs. No Qt here."""
