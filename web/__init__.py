"""The web app: the chat widget, the chat API and (later) the staff console."""
