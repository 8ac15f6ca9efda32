"""Coverage-guided fuzzing of the readers of files from the field (see README.md here)."""
