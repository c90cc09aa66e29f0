"""ui/dialogs"""
