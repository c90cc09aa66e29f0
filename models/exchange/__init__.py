"""models/exchange"""
