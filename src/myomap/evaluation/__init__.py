"""Measuring the engine on vignettes: ranking and triage against expectations, engine
against the lookup baseline."""
