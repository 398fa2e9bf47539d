from . import asked, public, staff

__all__ = ["asked", "public", "staff"]
