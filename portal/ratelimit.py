"""Per-address rate limits for the forms that send mail or check passwords."""

import functools

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render


def client_address(request) -> str:
    return request.META.get("REMOTE_ADDR", "")


def hit(scope: str, key: str) -> bool:
    """Count one attempt; True while the address is within `settings.RATE_LIMITS[scope]`."""
    limit, window = settings.RATE_LIMITS[scope]
    cache_key = f"ratelimit:{scope}:{key}"
    cache.add(cache_key, 0, timeout=window)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, timeout=window)
        count = 1
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
