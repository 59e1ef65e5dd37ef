"""Server mode's accounts on the web: sign-up, sign-in, sessions and tokens, sharing."""
