"""models/records"""
