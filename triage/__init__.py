"""The first decision on every message, made before anything is answered.

Is a child at risk (urgent), is there a possible worry inside an ordinary question
(concern), is it a question to answer, too vague to answer, one only a person can
help with, or out of scope? Pure Python at run time, so that Rasa's pipeline
(bot/triage.py) and the web app (during a handoff, or when Rasa is down) make the
same decision from the same models. The models are trained by `python -m
triage.train` (in the Rasa environment, which has scikit-learn) into var/triage/.
"""
