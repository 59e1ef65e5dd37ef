"""Passwords: argon2id hashes, and the rules a new password must pass (with the reason).

>>> weakness("correct horse battery", email="a@example.org") is None
True
>>> weakness("Summer2024!", email="a@example.org")[:65]
'That password is too easy to guess (it is like the most common on'
"""

from __future__ import annotations

import hashlib
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from zxcvbn import zxcvbn

__all__ = [
    "MIN_LENGTH",
    "digest",
    "hash_password",
    "new_token",
    "verify_password",
    "weakness",
]

MIN_LENGTH = 10
MAX_LENGTH = 1024

HASHER = PasswordHasher()  # argon2id, RFC 9106's second recommended parameters

MIN_SCORE = 3
"""zxcvbn's score from 0 (guessed in under a thousand tries) to 4; 3 resists an offline
attack on a slow hash. zxcvbn knows the 30,000 most common passwords, names, words and
keyboard walks, and sees through l33t spellings, dates and repeats."""
ZXCVBN_MAX = 72
"""zxcvbn looks at this many characters (a longer password is as strong as its start)."""


def weakness(password: str, *, email: str) -> str | None:
    """Why ``password`` is too weak for this account, or None when it will do."""
    if len(password) < MIN_LENGTH:
        return f"A password needs at least {MIN_LENGTH} characters."
    if len(password) > MAX_LENGTH:
        return f"A password may have at most {MAX_LENGTH} characters."
    lowered = password.lower()
    local = email.lower().partition("@")[0]
    if lowered in (email.lower(), local) or (len(local) >= 4 and local in lowered):
        return "A password must not be (or contain) your email address."
    estimate = zxcvbn(password[:ZXCVBN_MAX], user_inputs=[email, local, "myomap"])
    if estimate["score"] < MIN_SCORE:
        hint = " ".join([estimate["feedback"]["warning"], *estimate["feedback"]["suggestions"]])
        return (
            "That password is too easy to guess (it is like the most common ones); "
            f"choose another. {hint}".strip()
        )
    return None


def hash_password(password: str) -> str:
    return HASHER.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """True if ``password`` matches; False for no hash, a wrong password or a bad hash."""
    if not password_hash:
        HASHER.hash(password)  # spend the same time, so timing does not tell who exists
        return False
    try:
        return HASHER.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def new_token(nbytes: int = 32) -> str:
    """A random URL-safe secret: session cookies, API tokens, reset tokens."""
    return secrets.token_urlsafe(nbytes)


def digest(token: str) -> str:
    """What the database keeps of a secret token: its SHA-256, so a leak reveals none."""
    return hashlib.sha256(token.encode()).hexdigest()
