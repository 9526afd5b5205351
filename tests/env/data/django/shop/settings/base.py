import os

DEBUG = True

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": os.environ.get("DB_NAME", "shop"),
        "USER": "shop",
        "PASSWORD": os.environ["DB_PASSWORD"],
        "HOST": "localhost",
        "PORT": "5432",
        "OPTIONS": {"sslmode": "prefer", "prepare_threshold": None},
        "DISABLE_SERVER_SIDE_CURSORS": True,
    },
    'legacy': {
        'ENGINE': 'django.db.backends.sqlite3',
        'NAME': 'legacy.sqlite3',
    },
}
