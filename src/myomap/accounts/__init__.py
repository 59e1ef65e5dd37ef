"""Server mode's people: users and their sessions and tokens, passwords, consent-based
sharing with clinicians, and the audit trail."""
