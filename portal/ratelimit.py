"""Per-address rate limits for the forms that send mail or check passwords.

The counters live in the cache (`CACHE_URL`, shared between processes). The rule when the cache cannot be reached
(this is the only code that uses the cache on a request's path): count in the database instead, so logins and
registrations keep working, still limited; never an error page. `/healthz` names the cache as down meanwhile."""

import functools
import logging

import redis
from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render

logger = logging.getLogger(__name__)

# What an unreachable or failing cache server raises (the Redis backend; a socket error for any other).
CACHE_ERRORS = (redis.RedisError, OSError)


def client_address(request) -> str:
    return request.META.get("REMOTE_ADDR", "")


def _count_in_cache(cache_key: str, window: int) -> int:
    cache.add(cache_key, 0, timeout=window)
    try:
        return cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, timeout=window)
        return 1


def hit(scope: str, key: str) -> bool:
    """Count one attempt; True while the address is within `settings.RATE_LIMITS[scope]`."""
    limit, window = settings.RATE_LIMITS[scope]
    try:
        count = _count_in_cache(f"ratelimit:{scope}:{key}", window)
    except CACHE_ERRORS as exc:
        logger.warning(
            "The cache is unreachable (%s): counting %s attempts in the database.", type(exc).__name__, scope
        )
        from portal import services  # here: the admin site imports this module before the apps are loaded

        count = services.count_attempt_in_database(scope, key, window)
    return count <= limit


def rate_limited(scope: str):
    """Answer 429 to POSTs beyond the scope's limit; GETs are never counted."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method == "POST" and not hit(scope, client_address(request)):
                response = render(request, "accounts/rate_limited.html", status=429)
                response["Retry-After"] = str(settings.RATE_LIMITS[scope][1])
                return response
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
