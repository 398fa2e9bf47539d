from . import public, staff

__all__ = ["public", "staff"]
