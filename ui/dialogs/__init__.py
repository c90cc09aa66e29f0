"""Dialogs: the record forms, and the choices a page asks for (a backup, conflicts, pasted names)."""
