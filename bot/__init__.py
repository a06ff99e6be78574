"""The dialogue model's definition: risk_detector.py, question_shapes.py and
other_questions.py are its custom components. Rasa imports this package when it loads
them, which installs the faster check of action server replies (action_results.py)."""

from bot.action_results import install

install()
