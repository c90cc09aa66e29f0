"""models/reporting"""
