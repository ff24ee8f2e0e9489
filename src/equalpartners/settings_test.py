"""Settings for the test suite: the real settings in ``test`` mode, with a fast password hasher."""

import os

os.environ.setdefault("EQUALPARTNERS_MODE", "test")

from equalpartners.settings import *  # noqa: F403 (the real settings, then test overrides)

# Hashing with Argon2 on every test sign-in would dominate the run; production uses Argon2.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
