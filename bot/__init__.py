"""The dialogue model's definition: its custom components are the modules here. Rasa
imports this package when it loads them, which installs two faster equivalents of
Rasa's own code: the check of action server replies (action_results.py) and the way
the model's graph is run (graph_runner.py)."""

from bot import action_results, graph_runner

action_results.install()
graph_runner.install()
