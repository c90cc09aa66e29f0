"""models/store"""
