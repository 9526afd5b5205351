import dj_database_url

from .base import *  # noqa

DEBUG = False

DATABASES = {
    "default": dj_database_url.config(
        default="postgres://shop@pgbouncer.internal:6432/shop?sslmode=verify-full",
        conn_max_age=0,
    ),
}
DATABASES["migrations"] = {
    "ENGINE": "django.db.backends.postgresql",
    "HOST": "db.internal",
    "PORT": 5432,
    "NAME": "shop",
    "USER": "shop_owner",
    "PASSWORD": f"{os.environ['OWNER_PASSWORD']}",
}
