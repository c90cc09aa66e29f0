"""Parts of a form: fields, the form grid, and the editors of attendance, figures, attachments and the like."""
