"""Passwords: argon2id hashes, and the rules a new password must pass (with the reason).

>>> weakness("correct horse battery", email="a@example.org") is None
True
>>> weakness("password123", email="a@example.org")
'That password is on the list of the most common ones; choose another.'
"""

from __future__ import annotations

import hashlib
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

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

COMMON = frozenset(
    [
        "password",
        "password1",
        "password12",
        "password123",
        "password1234",
        "passw0rd",
        "1234567890",
        "0123456789",
        "12345678910",
        "1234512345",
        "qwertyuiop",
        "qwerty1234",
        "qwerty12345",
        "1q2w3e4r5t",
        "1qaz2wsx3edc",
        "iloveyou12",
        "abc1234567",
        "abcdefghij",
        "aaaaaaaaaa",
        "1111111111",
        "0000000000",
        "letmein123",
        "welcome123",
        "admin12345",
        "administrator",
        "changeme123",
        "trustno1234",
        "football12",
        "baseball12",
        "sunshine12",
        "princess12",
        "superman12",
        "dragon1234",
        "monkey1234",
        "starwars12",
        "myomap1234",
        "myomapmyomap",
    ]
)


def weakness(password: str, *, email: str) -> str | None:
    """Why ``password`` is too weak for this account, or None when it will do."""
    if len(password) < MIN_LENGTH:
        return f"A password needs at least {MIN_LENGTH} characters."
    if len(password) > MAX_LENGTH:
        return f"A password may have at most {MAX_LENGTH} characters."
    lowered = password.lower()
    if lowered in COMMON or len(set(lowered)) < 4:
        return "That password is on the list of the most common ones; choose another."
    local = email.lower().partition("@")[0]
    if lowered in (email.lower(), local) or (len(local) >= 4 and local in lowered):
        return "A password must not be (or contain) your email address."
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
