"""The dialogue model's definition: its custom components are the modules here. Rasa
imports this package when it loads them, which installs three faster equivalents of
Rasa's own code: the check of action server replies (action_results.py), calls to the
action server on kept connections (action_calls.py) and the way the model's graph is run
(graph_runner.py)."""

from bot import action_calls, action_results, graph_runner

action_calls.install()
action_results.install()
graph_runner.install()
