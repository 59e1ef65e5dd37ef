"""The pain diary on the web: entries, saved assessments, history, downloads."""
