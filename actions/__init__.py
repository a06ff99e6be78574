"""Custom actions: the bridge from the dialogue model to the knowledge base.

Each action is thin: it reads the tracker, asks `knowledge.query`, and sends
what `actions.answers` renders.
"""
