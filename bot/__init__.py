"""The dialogue model's definition: its custom components are the modules here. Rasa
imports this package when it loads them, which installs five faster equivalents of
Rasa's own code: the check of action server replies (action_results.py), calls to the
action server on kept connections (action_calls.py), the way the model's graph is run
(graph_runner.py), the check for an empty domain (empty_domain.py) and slot copies
(slot_copies.py)."""

from bot import action_calls, action_results, empty_domain, graph_runner, slot_copies

action_calls.install()
action_results.install()
empty_domain.install()
graph_runner.install()
slot_copies.install()
