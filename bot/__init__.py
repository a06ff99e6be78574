"""The dialogue model's definition; risk_detector.py is its one custom component."""
