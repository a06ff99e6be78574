"""The staff store: escalations for the council's SEND team and feedback from families.

Written by the action server, read by the staff console in the web app.
"""
