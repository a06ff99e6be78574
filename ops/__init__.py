"""Operations: set-up helpers and the process supervisor behind `make run` and the tests."""
