"""ui/editors"""
