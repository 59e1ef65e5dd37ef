"""The clinician's view: patients who shared their diary, their visits and notes."""
